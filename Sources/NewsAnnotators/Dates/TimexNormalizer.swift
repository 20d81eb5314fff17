/// Turns a rule's recipe and captures into a TIMEX3 value, resolving relative expressions
/// against the anchor date when there is one and leaving them underspecified when not.
struct TimexNormalizer {
    /// The publication date relative values are resolved against.
    let anchor: CivilDate?
    /// What the expression's context says of its time, for bare weekdays, months and days of
    /// the month: +1 the future, −1 the past, 0 nothing (the nearest occurrence is taken).
    var direction: Int
    /// The last day-granularity date of the sentence, for times ("Tuesday at 3pm").
    var contextDay: CivilDate?
    /// The quarter the text last named ("third-quarter profit"), as `year * 4 + quarter − 1`:
    /// the reporting period that financial news compares against. TimeML values "a year ago",
    /// "the year-earlier period" and "the latest quarter" at that granularity (TimeBank:
    /// "up from $10 million a year ago" in a third-quarter report is `1988-Q3`).
    var referenceQuarter: Int?
    /// Days around the anchor within which a bare day of the month is the nearest occurrence
    /// whatever ``direction`` says (`tense.nearestWithinDays`).
    var nearestWithinDays = 0

    struct Result {
        var value: String
        var mod: String?
        var isRelative: Bool
        var day: CivilDate?
    }

    func normalize(recipe: String, captures: [String: TimexCapture]) -> Result? {
        guard recipe.hasPrefix("@") else { return Result(value: recipe, isRelative: false) }
        let parts = recipe.dropFirst().split(separator: ":").map(String.init)
        let name = parts[0]
        let fixedPart = parts.count > 2 ? parts[2] : nil
        let argument = parts.count > 1 ? Int(parts[1].hasPrefix("+") ? String(parts[1].dropFirst()) : parts[1]) : nil
        let number = captures["number"]?.number ?? captures["numberunit"]?.number ?? 1
        let isVague = captures["number"]?.isVague ?? false
        let unit = captures["unit"]?.text ?? captures["numberunit"]?.text
        let dir = captures["dir"]?.number ?? argument ?? 0
        switch name {
        case "day":
            return relative(unit: "D", offset: argument ?? 0)
        case "contextday":
            // Relative to the last date the text gave, else to the anchor.
            guard let base = contextDay ?? anchor else { return Result(value: "XXXX-XX-XX", isRelative: false) }
            let date = base.adding(days: argument ?? 0)
            return Result(value: date.dayValue, isRelative: contextDay == nil, day: date)
        case "relative", "unitref":
            if let season = captures["season"]?.text { return seasonValue(season, dir: dir, year: nil) }
            guard let unit else { return nil }
            return relative(unit: unit, offset: dir)
        case "ago", "later":
            guard let unit else { return nil }
            let sign = name == "ago" ? -1 : 1
            // "a year ago" in a report on a quarter is that quarter a year before.
            if sign < 0, unit == "Y", number == 1, !isVague, let referenceQuarter {
                return Self.quarterValue(referenceQuarter - 4, isRelative: true)
            }
            // Hours and minutes have no date granularity of their own, and "a few years ago"
            // no count: a reference is all we know.
            guard anchor != nil, !isVague, let result = relative(unit: unit, offset: sign * number) else {
                return Result(value: sign < 0 ? "PAST_REF" : "FUTURE_REF", isRelative: false)
            }
            return result
        case "duration":
            guard let unit, unit != "WE" else { return nil }
            return Result(value: Self.duration(isVague ? nil : number, unit), isRelative: false)
        case "halfduration":
            // "2 1/2 years", "an hour and a half", "un anno e mezzo": TimeML writes the half in
            // the next smaller unit (`P2Y6M`, `PT1H30M`).
            guard let unit, !isVague, let value = Self.halfDuration(number, unit) else { return nil }
            return Result(value: value, isRelative: false)
        case "vagueduration":
            // "for years", "da anni": a duration with no count.
            guard let unit, unit != "WE" else { return nil }
            return Result(value: Self.duration(nil, unit), isRelative: false)
        case "date":
            guard let month = captures["month"]?.number else { return nil }
            let day = captures["day"]?.number
            if let year = captures["year"]?.number {
                let date = day.map { CivilDate(year: year, month: month, day: $0) }
                if let day, day > CivilDate.daysIn(month: month, year: year) { return nil }
                return Result(value: date?.dayValue ?? "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))", isRelative: false, day: date)
            }
            guard let anchor else {
                return Result(value: "XXXX-\(CivilDate.pad(month, 2))" + (day.map { "-" + CivilDate.pad($0, 2) } ?? ""), isRelative: false)
            }
            guard let day else { return monthOnly(month) }
            guard day <= CivilDate.daysIn(month: month, year: anchor.year) || (month == 2 && day == 29) else { return nil }
            // The occurrence the tense asks for: on or after the anchor (future), on or before
            // it (past), else the nearer one, the past winning a tie.
            let candidates = (anchor.year - 1...anchor.year + 1).compactMap { year -> CivilDate? in
                day <= CivilDate.daysIn(month: month, year: year) ? CivilDate(year: year, month: month, day: day) : nil
            }
            let anchorDay = anchor.dayNumber
            let nearest = candidates.min { (abs($0.dayNumber - anchorDay), $0.dayNumber > anchorDay ? 1 : 0) < (abs($1.dayNumber - anchorDay), $1.dayNumber > anchorDay ? 1 : 0) }
            // Close to the publication date the nearest occurrence wins over the tense: "extended
            // to Nov. 20" in a story of Nov. 2 is this November.
            let direction = nearest.map { abs($0.dayNumber - anchorDay) <= nearestWithinDays } == true ? 0 : self.direction
            let date: CivilDate?
            switch direction {
            case 1...: date = candidates.first { $0.dayNumber >= anchorDay }
            case ..<0: date = candidates.last { $0.dayNumber <= anchorDay }
            default: date = nearest
            }
            guard let date else { return nil }
            return Result(value: date.dayValue, isRelative: true, day: date)
        case "month":
            if let modmonth = captures["modmonth"], let month = modmonth.number {
                // "mid-November": the month, with its mod.
                var result = monthOnly(month)
                result.mod = modmonth.text
                return result
            }
            guard let month = captures["month"]?.number else { return nil }
            if let dir = captures["dir"]?.number, let anchor {
                // "last June": the latest June before this month; "next June" the first after
                // it; "this June" the one of this year.
                var year = anchor.year
                if dir < 0 && month >= anchor.month { year -= 1 }
                if dir > 0 && month <= anchor.month { year += 1 }
                return Result(value: "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))", isRelative: true)
            }
            return monthOnly(month)
        case "year":
            guard let year = captures["year"]?.number ?? captures["modyear"]?.number else { return nil }
            return Result(value: CivilDate.pad(year, 4), mod: captures["modyear"]?.text, isRelative: false)
        case "decade":
            guard let decade = captures["decade"]?.number ?? captures["decadenum"]?.number else { return nil }
            return Result(value: String(decade), isRelative: false)
        case "century":
            guard let century = captures["century"]?.number ?? captures["centuryname"]?.number else { return nil }
            return Result(value: CivilDate.pad(century, 2), isRelative: false)
        case "weekday":
            guard let weekday = captures["weekday"]?.number else { return nil }
            let part = captures["partofday"]?.text.map { "T" + $0 } ?? ""
            guard let anchor else { return Result(value: "XXXX-WXX-\(weekday)" + part, isRelative: false) }
            let date: CivilDate
            if let dir = captures["dir"]?.number, dir != 0 {
                // "lunedì scorso" / "next Monday": the weekday of the previous or next week.
                let distance = dir < 0 ? -(((anchor.weekday - weekday) + 7) % 7 == 0 ? 7 : ((anchor.weekday - weekday) + 7) % 7)
                                       : (((weekday - anchor.weekday) + 7) % 7 == 0 ? 7 : ((weekday - anchor.weekday) + 7) % 7)
                date = anchor.adding(days: distance)
            } else {
                // A bare weekday is the nearest such day in the direction the tense gives, the
                // publication day itself included ("said Friday" in a Friday story is that day);
                // with no tense, the latest one: news reports what happened.
                let ahead = ((weekday - anchor.weekday) + 7) % 7
                let back = ((anchor.weekday - weekday) + 7) % 7
                switch direction {
                case 1...: date = anchor.adding(days: ahead)
                case ..<0: date = anchor.adding(days: -back)
                default: date = anchor.adding(days: -back)
                }
            }
            return Result(value: date.dayValue + part, isRelative: true, day: date)
        case "weekend":
            // "over the weekend": the weekend the tense points to, the last one when none does.
            guard let anchor else { return Result(value: "XXXX-WXX-WE", isRelative: false) }
            let saturday = 6
            let ahead = ((saturday - anchor.weekday) + 7) % 7
            let back = ((anchor.weekday - saturday) + 7) % 7
            let day = direction > 0 ? anchor.adding(days: ahead) : anchor.adding(days: -back)
            return Result(value: day.weekValue + "-WE", isRelative: true)
        case "partofday":
            guard let part = captures["partofday"]?.text ?? fixedPart else { return nil }
            guard let anchor else { return Result(value: "XXXX-XX-XXT" + part, isRelative: false) }
            let date = anchor.adding(days: argument ?? 0)
            return Result(value: date.dayValue + "T" + part, isRelative: true, day: date)
        case "time":
            let clock: String?
            if var text = captures["clock"]?.text {
                // "7:15 p.m.": a clock followed by its half of the day.
                if let half = captures["ampm"]?.text, let hour = Int(text.prefix(2)) {
                    let hour24 = half == "pm" && hour < 12 ? hour + 12 : (half == "am" && hour == 12 ? 0 : hour)
                    text = CivilDate.pad(hour24, 2) + text.dropFirst(2)
                }
                clock = text
            } else if let hour = captures["hour"]?.number {
                let isPM = captures["ampm"]?.text == "pm"
                let hour24 = isPM && hour < 12 ? hour + 12 : (!isPM && captures["ampm"] != nil && hour == 12 ? 0 : hour)
                clock = "\(CivilDate.pad(hour24, 2)):00"
            } else {
                clock = nil
            }
            guard let clock else { return nil }
            // "10 p.m. Wednesday", "5 p.m. EST Nov. 9": one TIME on the day the expression names.
            if captures["weekday"] != nil || captures["month"] != nil {
                var dayCaptures = captures
                dayCaptures["partofday"] = nil
                guard let day = normalize(recipe: captures["month"] != nil ? "@date" : "@weekday", captures: dayCaptures) else { return nil }
                return Result(value: day.value + "T" + clock, isRelative: day.isRelative, day: day.day)
            }
            if let day = contextDay ?? anchor {
                return Result(value: day.dayValue + "T" + clock, isRelative: contextDay == nil, day: day)
            }
            return Result(value: "XXXX-XX-XXT" + clock, isRelative: false)
        case "season":
            // `@season:0:FA` names the season itself ("last fall", where "fall" alone is a verb).
            guard let season = captures["season"]?.text ?? fixedPart else { return nil }
            return seasonValue(season, dir: captures["dir"]?.number ?? 0, year: captures["year"]?.number)
        case "quarter":
            guard let quarter = captures["ordinal"]?.number ?? captures["ordinalquarter"]?.number, (1...4).contains(quarter) else { return nil }
            if let year = captures["year"]?.number { return Result(value: "\(CivilDate.pad(year, 4))-Q\(quarter)", isRelative: false) }
            guard let anchor else { return Result(value: "XXXX-Q\(quarter)", isRelative: false) }
            return Result(value: "\(CivilDate.pad(anchor.year, 4))-Q\(quarter)", isRelative: true)
        case "refquarter", "refperiod", "thisquarter":
            // "the quarter", "the latest period", "this quarter": the quarter the text reports on.
            if let referenceQuarter { return Self.quarterValue(referenceQuarter, isRelative: true) }
            switch name {
            case "refperiod": return nil
            case "thisquarter": return relative(unit: "Q", offset: 0)
            default: return Result(value: anchor.map { "\(CivilDate.pad($0.year, 4))-QX" } ?? "XXXX-QX", isRelative: anchor != nil)
            }
        case "yearbefore":
            // "the year-earlier quarter", "year-ago results", "the year-ago third quarter".
            if let quarter = captures["ordinal"]?.number, (1...4).contains(quarter) {
                guard let year = referenceQuarter.map({ $0 / 4 }) ?? anchor?.year else { return Result(value: "XXXX-Q\(quarter)", isRelative: false) }
                return Result(value: "\(CivilDate.pad(year - 1, 4))-Q\(quarter)", isRelative: true)
            }
            if let referenceQuarter { return Self.quarterValue(referenceQuarter - 4, isRelative: true) }
            guard let anchor else { return Result(value: "PAST_REF", isRelative: false) }
            return Result(value: CivilDate.pad(anchor.year - 1, 4) + (fixedPart == "Q" ? "-QX" : ""), isRelative: true)
        case "yearquarter":
            // "this year's third quarter", "last year's quarter", "next year's first quarter".
            guard let anchor else { return Result(value: "XXXX-Q" + (captures["ordinal"]?.number.map(String.init) ?? "X"), isRelative: false) }
            let year = anchor.year + dir
            let quarter = captures["ordinal"]?.number ?? referenceQuarter.map { $0 % 4 + 1 }
            if let quarter, !(1...4).contains(quarter) { return nil }
            return Result(value: "\(CivilDate.pad(year, 4))-Q" + (quarter.map(String.init) ?? "X"), isRelative: true)
        case "yearperiod":
            // "the 1988 period": that year's quarter the text reports on.
            guard let year = captures["year"]?.number else { return nil }
            guard let referenceQuarter else { return Result(value: CivilDate.pad(year, 4), isRelative: false) }
            return Result(value: "\(CivilDate.pad(year, 4))-Q\(referenceQuarter % 4 + 1)", isRelative: false)
        case "monthyear":
            // "June last year", "a giugno dell'anno scorso": the month of the year `<dir>` names.
            guard let month = captures["month"]?.number else { return nil }
            guard let anchor else { return Result(value: "XXXX-\(CivilDate.pad(month, 2))", isRelative: false) }
            return Result(value: "\(CivilDate.pad(anchor.year + dir, 4))-\(CivilDate.pad(month, 2))", isRelative: true)
        case "set":
            if let weekday = captures["weekday"]?.number { return Result(value: "XXXX-WXX-\(weekday)", isRelative: false) }
            if let season = captures["season"]?.text { return Result(value: "XXXX-\(season)", isRelative: false) }
            if let part = captures["partofday"]?.text { return Result(value: "XXXX-XX-XXT\(part)", isRelative: false) }
            guard let unit else { return nil }
            return Result(value: Self.duration(captures["number"]?.number ?? 1, unit), isRelative: false)
        default:
            return nil
        }
    }

    /// `1988-Q3` from `year * 4 + quarter − 1`.
    static func quarterValue(_ index: Int, isRelative: Bool) -> Result {
        Result(value: "\(CivilDate.pad(index / 4, 4))-Q\(index % 4 + 1)", isRelative: isRelative)
    }

    /// The quarter index of a `YYYY-Qn` value, for ``referenceQuarter``.
    static func quarterIndex(of value: String) -> Int? {
        let utf8 = Array(value.utf8)
        guard utf8.count == 7, utf8[4] == UInt8(ascii: "-"), utf8[5] == UInt8(ascii: "Q"), let year = Int(value.prefix(4)),
              let quarter = Int(value.suffix(1)), (1...4).contains(quarter) else { return nil }
        return year * 4 + quarter - 1
    }

    private func monthOnly(_ month: Int) -> Result {
        guard let anchor else { return Result(value: "XXXX-\(CivilDate.pad(month, 2))", isRelative: false) }
        var year = anchor.year
        switch direction {
        case 1...: if month < anchor.month { year += 1 }
        case ..<0: if month > anchor.month { year -= 1 }
        default:
            // The nearer occurrence; six months either way goes to the past.
            if month - anchor.month >= 6 { year -= 1 }
            if month - anchor.month < -6 { year += 1 }
        }
        return Result(value: "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))", isRelative: true)
    }

    private func relative(unit: String, offset: Int) -> Result? {
        guard let anchor else {
            let underspecified: [String: String] = ["Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "D": "XXXX-XX-XX", "DE": "XXX", "CE": "XX", "Q": "XXXX-QX"]
            return underspecified[unit].map { Result(value: $0, isRelative: false) }
        }
        switch unit {
        case "Y": return Result(value: CivilDate.pad(anchor.year + offset, 4), isRelative: true)
        case "M": return Result(value: anchor.adding(months: offset).monthValue, isRelative: true)
        case "W": return Result(value: anchor.adding(days: 7 * offset).weekValue, isRelative: true)
        case "WE": return Result(value: anchor.adding(days: 7 * offset).weekValue + "-WE", isRelative: true)
        case "D":
            let date = anchor.adding(days: offset)
            return Result(value: date.dayValue, isRelative: true, day: date)
        case "DE": return Result(value: String(anchor.year / 10 + offset), isRelative: true)
        case "CE": return Result(value: CivilDate.pad(anchor.year / 100 + offset, 2), isRelative: true)
        case "Q":
            let index = anchor.year * 4 + (anchor.month - 1) / 3 + offset
            return Result(value: "\(CivilDate.pad(index / 4, 4))-Q\(index % 4 + 1)", isRelative: true)
        case "H", "MIN": return nil
        default: return nil
        }
    }

    private func seasonValue(_ season: String, dir: Int, year: Int?) -> Result? {
        if let year { return Result(value: "\(CivilDate.pad(year, 4))-\(season)", isRelative: false) }
        guard let anchor else { return Result(value: "XXXX-\(season)", isRelative: false) }
        let start = ["SP": 3, "SU": 6, "FA": 9, "WI": 12][season] ?? 1
        var resolved = anchor.year
        if dir < 0 { resolved = anchor.month >= start + 3 ? anchor.year : anchor.year - 1 }
        if dir > 0 { resolved = anchor.month < start ? anchor.year : anchor.year + 1 }
        if dir == 0, season == "WI", anchor.month <= 2 { resolved = anchor.year - 1 }
        return Result(value: "\(CivilDate.pad(resolved, 4))-\(season)", isRelative: true)
    }

    /// `number` and a half `unit`: `P2Y6M`, `P1M15D`, `P3DT12H`, `PT5H30M`, `PT1M30S`; decades,
    /// centuries, weeks and quarters in years, days and months (`P25Y`, `P10DT12H`, `P4M15D`).
    static func halfDuration(_ number: Int, _ unit: String) -> String? {
        switch unit {
        case "Y": "P\(number)Y6M"
        case "M": "P\(number)M15D"
        case "W": "P\(number * 7 + 3)DT12H"
        case "D": "P\(number)DT12H"
        case "H": "PT\(number)H30M"
        case "MIN": "PT\(number)M30S"
        case "DE": "P\(number * 10 + 5)Y"
        case "CE": "P\(number * 100 + 50)Y"
        case "Q": "P\(number * 3 + 1)M15D"
        default: nil
        }
    }

    /// `P6Y`, `PT6H`, `PT30M`, `P10Y` for decades, `P3M` for quarters; without a number, the
    /// vague `PXY`, `PTXH`, `PXDE`.
    static func duration(_ number: Int?, _ unit: String) -> String {
        guard let number else {
            switch unit {
            case "H": return "PTXH"
            case "MIN": return "PTXM"
            default: return "PX\(unit)"
            }
        }
        return switch unit {
        case "H": "PT\(number)H"
        case "MIN": "PT\(number)M"
        case "DE": "P\(number * 10)Y"
        case "CE": "P\(number * 100)Y"
        case "Q": "P\(number * 3)M"
        default: "P\(number)\(unit)"
        }
    }
}
