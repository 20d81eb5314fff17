import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory regenerate-goldens [--check] [--inputs DIR] [--config FILE]`
///
/// Works on the package it runs in — this one, or any package that depends on it: annotates
/// every article in DIR (default `Samples`) and writes `<name>.expected.json` beside each one,
/// or, with `--check`, compares them with a fresh run and fails on any difference. The plugin
/// holds no logic of its own: it calls `news-annotate`, which writes atomically.
@main
struct RegenerateGoldens: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let isCheck = extractor.extractFlag(named: "check") > 0
        let inputs = extractor.extractOption(named: "inputs").last ?? "Samples"
        let config = extractor.extractOption(named: "config").last
        let tool = try context.tool(named: "news-annotate")
        let root = context.package.directoryURL
        let pipelineArguments = config.map { ["--config", $0] } ?? []
        if isCheck {
            let status = try run(tool.url, ["check", inputs, "--run", inputs] + pipelineArguments, in: root, output: nil)
            if status != 0 { throw PluginError("annotations in \(inputs) differ from their golden files (exit \(status)); rerun without --check to refresh them") }
            print("golden files in \(inputs) are up to date")
            return
        }
        let directory = inputs.hasPrefix("/") ? URL(fileURLWithPath: inputs) : root.appending(path: inputs)
        let articles = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { name in !name.hasPrefix(".") && ["txt", "html", "htm"].contains(name.split(separator: ".").last.map(String.init) ?? "") }
            .sorted()
        for article in articles {
            let stem = article.split(separator: ".").dropLast().joined(separator: ".")
            let target = directory.appending(path: "\(stem).expected.json")
            let status = try run(tool.url, ["annotate", "\(inputs)/\(article)", "--quiet"] + pipelineArguments, in: root, output: target)
            if status != 0 { throw PluginError("news-annotate failed on \(inputs)/\(article) (exit \(status))") }
            print("rewrote \(inputs)/\(stem).expected.json")
        }
    }

    /// Runs the tool; with `output`, its standard output replaces that file atomically.
    private func run(_ tool: URL, _ arguments: [String], in directory: URL, output: URL?) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.currentDirectoryURL = directory
        process.arguments = arguments
        let pipe = Pipe()
        if output != nil { process.standardOutput = pipe }
        try process.run()
        let data = output != nil ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        if let output, process.terminationStatus == 0 { try data.write(to: output, options: .atomic) }
        return process.terminationStatus
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
