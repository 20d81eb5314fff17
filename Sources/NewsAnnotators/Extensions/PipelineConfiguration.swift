import Foundation
public import NewsAnnotation

/// A pipeline described in a JSON file: the stages in order, built-in ones by id, rule files
/// and external programs, and optionally the language to check the pipeline for.
///
/// ```json
/// {
///   "language": "it",
///   "stages": [
///     "segmentation",
///     {"id": "dates"},
///     {"rules": "house-organisations.json"},
///     {"external": ["python3", "acronyms.py"], "timeout": 20}
///   ]
/// }
/// ```
///
/// Paths are relative to the configuration file. Loading reports every problem at once: a
/// file that cannot be used throws ``ConfigurationError``; unknown stage ids (with a
/// suggestion) and a wrong order come back as ``PipelineProblem``s.
public struct PipelineConfiguration: Sendable {
    /// The stages that could be built, in order.
    public var stages: [any Annotator]
    /// Unknown ids and order problems.
    public var problems: [PipelineProblem]
    /// The language the file asks the pipeline to be checked for.
    public var language: String?

    /// Loads and checks a configuration file.
    ///
    /// - Parameters:
    ///   - path: The configuration file.
    ///   - registered: Swift stages of your own that the file may name by id, next to the
    ///     built-in ones (a program that links this library registers its stages here).
    public static func load(path: String, registered: [String: @Sendable () throws -> any Annotator] = [:]) throws(ConfigurationError) -> PipelineConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError(file: path, message: "cannot read the configuration file") }
        let text = String(decoding: data, as: UTF8.self)
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch {
            throw ConfigurationError(file: path, line: SourceLines.line(ofError: error, in: text), message: "not valid JSON: \((error as NSError).localizedDescription)")
        }
        guard let object = root.objectValue, let entries = object["stages"]?.arrayValue else {
            throw ConfigurationError(file: path, line: 1, message: "expected an object with a \"stages\" array")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func resolve(_ relative: String) -> String { relative.hasPrefix("/") ? relative : base + "/" + relative }
        var stages: [any Annotator] = []
        var problems: [PipelineProblem] = []
        for (offset, entry) in entries.enumerated() {
            let number = offset + 1
            if let id = entry.stringValue ?? entry.objectValue?["id"]?.stringValue, entry.objectValue?["rules"] == nil, entry.objectValue?["external"] == nil {
                let available = StandardPipeline.stageIDs + registered.keys.sorted()
                guard available.contains(id) else {
                    problems.append(.unknownStage(id: id, available: available))
                    continue
                }
                do {
                    if let make = registered[id] { stages.append(try make()) } else { stages += try StandardPipeline.stages([id]) }
                } catch {
                    throw ConfigurationError(file: path, line: SourceLines.line(of: "\"\(id)\"", in: text), message: "stage '\(id)' cannot load its resources: \(error)")
                }
            } else if let rules = entry.objectValue?["rules"]?.stringValue {
                stages.append(try RuleFileAnnotator(path: resolve(rules)))
            } else if let external = entry.objectValue?["external"] {
                let command = external.arrayValue?.compactMap(\.stringValue) ?? external.stringValue.map { $0.split(separator: " ").map(String.init) } ?? []
                let timeout = entry.objectValue?["timeout"].flatMap { value -> Double? in if case .number(let number) = value { number } else { nil } } ?? 30
                let line = SourceLines.line(of: "\"external\"", in: text)
                stages.append(try ExternalAnnotator(command: command, directory: base, timeout: timeout, origin: path + (line.map { ":\($0)" } ?? "")))
            } else {
                throw ConfigurationError(file: path, line: SourceLines.line(of: "\"stages\"", in: text),
                                         message: "stage \(number) must be a built-in id (\(StandardPipeline.stageIDs.joined(separator: ", "))), {\"rules\": FILE} or {\"external\": [COMMAND…]}")
            }
        }
        let language = object["language"]?.stringValue
        problems += Pipeline.analyze(stages.map(\.descriptor), language: language)
        return PipelineConfiguration(stages: stages, problems: problems, language: language)
    }

    /// The checked pipeline.
    ///
    /// - Throws: ``PipelineError`` with every problem.
    public func pipeline() throws(PipelineError) -> Pipeline {
        guard problems.isEmpty else { throw PipelineError(problems: problems) }
        return try Pipeline(stages: stages, language: language)
    }
}
