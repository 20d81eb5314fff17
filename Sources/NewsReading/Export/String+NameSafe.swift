extension String {
    /// The string with every character but ASCII letters, digits, `_` and `-` replaced by
    /// `_`: safe as a brat type name or an HTML class name.
    var nameSafe: String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-") ? scalar : "_"
        }))
    }
}
