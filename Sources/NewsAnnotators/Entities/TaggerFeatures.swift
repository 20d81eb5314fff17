/// What the tagger knows about one token before it decides on a tag: the forms its features
/// are made of, computed once per sentence.
struct TaggerToken: Sendable {
    /// The token as written, apostrophes written `'`.
    var form: String
    /// The lowercase form.
    var lower: String
    /// The collapsed shape: `Xx` for "Assad", `x-Xx` for "al-Assad", `X` for "LSE", `d` for "2011".
    var shape: String
    /// The gazetteer list the token is in, with its position: `B:countries`, `I:media`; empty when none.
    var gazetteer: String { didSet { gazetteerHash = FeatureHash.hash(gazetteer) } }
    /// Hashes of the forms above and of the last three letters, computed once: the features of
    /// this token and of its neighbours combine them (``FeatureHash/combine(_:_:)``).
    private(set) var lowerHash: UInt64 = 0, formHash: UInt64 = 0, shapeHash: UInt64 = 0, suffixHash: UInt64 = 0, gazetteerHash: UInt64 = 0
    /// Whether the token is a title or role word ("signor", "Prof", "presidente").
    var isTitle: Bool
    /// Whether the lowercase form is a common given name ("richard", "margot").
    var isGivenName = false
    /// Whether the word starts or ends organisation names ("University", "Party"): ``OrganisationWords``.
    var organisationWord: OrganisationRole = []
    /// Whether the training data writes this word in lowercase often ("questo", "light" is not):
    /// a capitalised word that is not common is likely a name.
    var isCommonWord = false
    /// How the token's line is written; in headlines the forms are recased (``TaggerFeatures/recase(_:commonWords:)``).
    var lineCase: LineCase = .normal

    /// Where a word stands in the organisation names it is typical of.
    struct OrganisationRole: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// It starts them ("University of Bologna", "Ministero della Difesa").
        static let first = OrganisationRole(rawValue: 1)
        /// It ends them ("Labour Party", "Acme Inc").
        static let last = OrganisationRole(rawValue: 2)
    }

    /// How a sentence is capitalised.
    enum LineCase: UInt8, Sendable {
        /// Running text: capitals mark names and sentence starts.
        case normal
        /// Title Case: most common words are capitalised ("Johnson Asks Macron To Back Deal").
        case title
        /// ALL CAPS: most words are in capitals.
        case upper
    }

    init(form raw: String, gazetteer: String = "", isTitle: Bool = false) {
        var form = ""
        form.unicodeScalars.reserveCapacity(raw.unicodeScalars.count)
        for scalar in raw.unicodeScalars { form.unicodeScalars.append(scalar == "’" || scalar == "ʼ" ? "'" : scalar) }
        self.form = form
        self.lower = form.lowercased()
        self.shape = Self.shape(of: form)
        self.gazetteer = gazetteer
        self.isTitle = isTitle
        self.lowerHash = FeatureHash.hash(lower)
        self.formHash = FeatureHash.hash(form)
        self.shapeHash = FeatureHash.hash(shape)
        self.suffixHash = FeatureHash.hash(lower.suffix(3))
        self.gazetteerHash = FeatureHash.hash(gazetteer)
    }

    /// The token written as `form`, keeping what the gazetteer and the model know about it.
    func recased(_ form: String) -> TaggerToken {
        var token = TaggerToken(form: form, gazetteer: gazetteer, isTitle: isTitle)
        token.isGivenName = isGivenName
        token.isCommonWord = isCommonWord
        token.organisationWord = organisationWord
        token.lineCase = lineCase
        return token
    }

    static func shape(of form: String) -> String {
        var shape = ""
        var last: Character = " "
        var runs = 0
        for scalar in form.unicodeScalars {
            let symbol: Character
            // ASCII first: Unicode property look-ups are slow and most words are ASCII.
            if scalar.value < 0x80 {
                switch scalar.value {
                case 0x41...0x5A: symbol = "X"
                case 0x61...0x7A: symbol = "x"
                case 0x30...0x39: symbol = "d"
                default: symbol = Character(scalar)
                }
            } else if scalar.properties.isUppercase { symbol = "X" }
            else if scalar.properties.isLowercase { symbol = "x" }
            else if scalar.properties.numericType != nil { symbol = "d" }
            else if scalar.properties.isAlphabetic { symbol = "x" }
            else { symbol = Character(scalar) }
            if symbol != last {
                shape.append(symbol)
                last = symbol
                runs += 1
                if runs > 8 { break }
            }
        }
        return shape
    }
}

/// Feature hashing: every feature is a 64-bit FNV-1a hash of its template number and its values,
/// so features cost no strings at prediction time and the model stores no feature names.
enum FeatureHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    @inline(__always) static func mix(_ hash: UInt64, _ text: String) -> UInt64 {
        var hash = hash
        for byte in text.utf8 { hash = mix(hash, byte) }
        return mix(hash, 0x1F)
    }

    @inline(__always) static func mix(_ hash: UInt64, _ text: Substring) -> UInt64 {
        var hash = hash
        for byte in text.utf8 { hash = mix(hash, byte) }
        return mix(hash, 0x1F)
    }

    @inline(__always) static func template(_ number: UInt8) -> UInt64 { mix(mix(offset, number), 0x1E) }

    /// The hash of a string on its own, to be combined into features.
    @inline(__always) static func hash(_ text: String) -> UInt64 { mix(offset, text) }
    @inline(__always) static func hash(_ text: Substring) -> UInt64 { mix(offset, text) }

    /// Mixes a value's hash into a feature's: a few integer operations instead of one per byte.
    @inline(__always) static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        var mixed = (hash ^ value) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 29
        return (mixed &+ (hash << 7)) &* prime
    }

    /// Zero marks an empty slot in the weight table, so no feature hashes to it.
    @inline(__always) static func finish(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }
}

/// The feature templates. Changing them changes what a model means: bump `version` and retrain.
enum TaggerFeatures {
    static let version = 7
    static let boundary = "<s>"

    static let boundaryHash = FeatureHash.hash(boundary)
    private static let flags = (bias: FeatureHash.hash("bias"), first: FeatureHash.hash("first"), inner: FeatureHash.hash("inner"),
                                title: FeatureHash.hash("title"), none: FeatureHash.hash("-"), given: FeatureHash.hash("given"),
                                common: FeatureHash.hash("common"), rare: FeatureHash.hash("rare"), upper: FeatureHash.hash("upper"),
                                acronym: FeatureHash.hash("acronym"))
    /// Hashes of the organisation-word features: none, and a word that starts or ends names at a distance of 0–3 words.
    private static let organisationFlags = (0...3).map { (first: FeatureHash.hash("org-first-\($0)"), last: FeatureHash.hash("org-last-\($0)")) }

    /// The features of position `index` that do not depend on earlier tags. Each is the
    /// template number combined with the hashes of its values, which every token computes once.
    static func staticFeatures(_ tokens: [TaggerToken], at index: Int, into features: inout [UInt64]) {
        let token = tokens[index]
        let hasPrevious = index > 0, hasNext = index + 1 < tokens.count
        let previous = hasPrevious ? tokens[index - 1] : nil, next = hasNext ? tokens[index + 1] : nil
        func word(_ offset: Int) -> UInt64 {
            let position = index + offset
            return position >= 0 && position < tokens.count ? tokens[position].lowerHash : boundaryHash
        }
        func shapeAt(_ offset: Int) -> UInt64 {
            let position = index + offset
            return position >= 0 && position < tokens.count ? tokens[position].shapeHash : boundaryHash
        }
        let shape = token.shapeHash
        let previousShape = previous?.shapeHash ?? boundaryHash, nextShape = next?.shapeHash ?? boundaryHash
        let common = token.isCommonWord ? flags.common : flags.rare
        let position = index == 0 ? flags.first : flags.inner
        // Fixed arities, not variadics: a variadic call would build an array per feature.
        func add(_ number: UInt8, _ value: UInt64) {
            features.append(FeatureHash.finish(FeatureHash.combine(FeatureHash.template(number), value)))
        }
        func add(_ number: UInt8, _ first: UInt64, _ second: UInt64) {
            features.append(FeatureHash.finish(FeatureHash.combine(FeatureHash.combine(FeatureHash.template(number), first), second)))
        }
        func add(_ number: UInt8, _ first: UInt64, _ second: UInt64, _ third: UInt64) {
            features.append(FeatureHash.finish(FeatureHash.combine(FeatureHash.combine(FeatureHash.combine(FeatureHash.template(number), first), second), third)))
        }
        let lower = token.lower
        add(1, flags.bias)
        add(2, token.lowerHash)
        add(3, token.formHash)
        add(4, shape)
        add(5, FeatureHash.hash(lower.prefix(3)))
        add(6, token.suffixHash)
        add(7, FeatureHash.hash(lower.suffix(2)))
        add(8, FeatureHash.hash(lower.suffix(4)))
        add(9, FeatureHash.hash(lower.prefix(2)))
        add(10, word(-1))
        add(11, word(1))
        add(12, word(-2))
        add(13, word(2))
        add(14, previousShape, shape)
        add(15, shape, nextShape)
        add(19, position, shape)
        add(20, token.gazetteerHash)
        add(21, previous?.gazetteerHash ?? boundaryHash)
        add(22, next?.gazetteerHash ?? boundaryHash)
        add(23, previous?.isTitle == true ? flags.title : flags.none)
        add(24, word(-1), shape)
        add(25, token.lowerHash, word(1))
        add(26, token.isTitle ? flags.title : flags.none)
        add(27, previous?.formHash ?? boundaryHash, token.formHash)
        add(28, token.gazetteerHash, shape)
        add(30, next?.formHash ?? boundaryHash)
        add(31, word(-2), word(-1))
        add(32, previousShape, shape, nextShape)
        add(33, next?.suffixHash ?? boundaryHash)
        add(34, previous?.suffixHash ?? boundaryHash)
        add(35, token.isGivenName ? flags.given : flags.none, shape)
        add(36, previous?.isGivenName == true ? flags.given : flags.none, shape)
        add(37, common, shape)
        add(38, common, position, shape)
        add(39, next.map { $0.isCommonWord ? flags.common : flags.rare } ?? boundaryHash, nextShape)
        add(42, word(1), word(2))
        add(43, word(-1), word(1))
        add(44, previous.map { $0.isCommonWord ? flags.common : flags.rare } ?? boundaryHash, previousShape, shape)
        add(45, token.suffixHash, shape)
        add(46, word(-1), common, shape)
        // Organisation words: the word itself starts or ends organisation names ("University",
        // "Party"), or the nearest such word is one to three words before (a first word:
        // "Ministero della Difesa") or after (a last word: "Labour Party").
        if token.organisationWord.contains(.first) { add(47, organisationFlags[0].first, shape) }
        if token.organisationWord.contains(.last) { add(47, organisationFlags[0].last, shape) }
        for distance in 1...3 where index - distance >= 0 && tokens[index - distance].organisationWord.contains(.first) {
            add(48, organisationFlags[distance].first, shape)
            break
        }
        for distance in 1...3 where index + distance < tokens.count && tokens[index + distance].organisationWord.contains(.last) {
            add(49, organisationFlags[distance].last, shape)
            break
        }
        // An acronym: two to six capitals ("NATO", "BBC", "CGIL"), maybe with `&` or dots.
        if isAcronym(token.form) { add(50, flags.acronym, common) }
        // "the X of Y" shapes: a short connector word between two names ("Bank of England",
        // "Università di Bologna"), seen from either side.
        add(51, word(-1), shapeAt(-2), shape)
        add(52, word(1), shapeAt(2), shape)
        if token.lineCase != .normal {
            let line = token.lineCase == .title ? flags.title : flags.upper
            add(40, line, shape)
            add(41, line, common)
        }
    }

    /// Whether `form` is two to six capital letters, maybe with `&` or dots ("BBC", "AT&T", "U.N."): an acronym.
    static func isAcronym(_ form: String) -> Bool {
        var letters = 0
        for scalar in form.unicodeScalars {
            // ASCII first: Unicode property look-ups are slow and most words are ASCII.
            let isUppercase = scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
            if isUppercase { letters += 1 } else if scalar != "&" && scalar != "." { return false }
            if letters > 6 { return false }
        }
        return letters >= 2
    }

    /// Marks the tokens the training data writes in lowercase (a token already marked stays
    /// marked: the stage marks its cue verbs), then undoes the capitals of
    /// headlines and captions: in a Title Case line a common word is seen in lowercase ("Johnson
    /// asks Macron"), and in an ALL CAPS line too, with the other words capitalised ("Boris
    /// Johnson"), so capitals there are no evidence of a name. The first word keeps its capital,
    /// as in any sentence. Runs before the features, in training and in tagging alike.
    static func recase(_ tokens: inout [TaggerToken], commonWords: Set<String>) {
        for index in tokens.indices where !tokens[index].isCommonWord { tokens[index].isCommonWord = commonWords.contains(tokens[index].lower) }
        let lineCase = lineCase(of: tokens)
        guard lineCase != .normal else { return }
        for index in tokens.indices {
            tokens[index].lineCase = lineCase
            let token = tokens[index]
            guard token.form.unicodeScalars.count > 1, token.form.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "'" || $0 == "-" }) else { continue }
            if token.isCommonWord, index > 0 {
                tokens[index] = token.recased(token.lower)
            } else if lineCase == .upper, let first = token.lower.first {
                tokens[index] = token.recased(first.uppercased() + token.lower.dropFirst())
            }
        }
    }

    /// Title Case when at least three quarters of the common words after the first (three
    /// letters or more, at least two of them) are capitalised; ALL CAPS when at least four fifths
    /// of the words of two letters or more (at least three) are in capitals.
    static func lineCase(of tokens: [TaggerToken]) -> TaggerToken.LineCase {
        var words = 0, upper = 0, common = 0, capitalisedCommon = 0
        // ASCII first: Unicode property look-ups are slow and most words are ASCII.
        @inline(__always) func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) : scalar.properties.isAlphabetic
        }
        @inline(__always) func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
        }
        for (index, token) in tokens.enumerated() {
            let scalars = token.form.unicodeScalars
            guard scalars.count > 1, scalars.allSatisfy(isLetter) else { continue }
            words += 1
            if scalars.allSatisfy(isUppercase) { upper += 1 }
            guard index > 0, token.isCommonWord, scalars.count > 2 else { continue }
            common += 1
            if let first = scalars.first, isUppercase(first) { capitalisedCommon += 1 }
        }
        if words >= 3, upper * 5 >= words * 4 { return .upper }
        if common >= 2, capitalisedCommon * 4 >= common * 3 { return .title }
        return .normal
    }

    /// The number of hashes ``pairBases(_:at:into:)`` appends per token.
    static let pairTemplateCount = 2

    /// The features of position `index` that are conjoined with the previous tag: each has one
    /// weight per previous tag and tag (``pairKey(_:)``), so a word can make
    /// "B-PER then this" likely and "O then this" unlikely. Appends ``pairTemplateCount`` hashes,
    /// not yet finished.
    static func pairBases(_ tokens: [TaggerToken], at index: Int, into bases: inout [UInt64]) {
        bases.append(FeatureHash.combine(FeatureHash.template(18), tokens[index].lowerHash))
        bases.append(FeatureHash.combine(FeatureHash.template(29), tokens[index].shapeHash))
    }

    /// The key of a pair feature's row (one weight per previous tag and tag).
    @inline(__always) static func pairKey(_ base: UInt64) -> UInt64 { FeatureHash.finish(FeatureHash.mix(base, 0x1D)) }

    /// The key of the transition weights' row (one weight per previous tag and tag).
    static let transitionKey = FeatureHash.finish(FeatureHash.mix(FeatureHash.template(16), 0x1D))
}
