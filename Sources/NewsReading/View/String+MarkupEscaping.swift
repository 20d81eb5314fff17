extension String {
    /// The string with `&`, `<`, `>` and `"` replaced by entities: safe as HTML or XML text
    /// and inside double-quoted attribute values.
    var markupEscaped: String {
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
