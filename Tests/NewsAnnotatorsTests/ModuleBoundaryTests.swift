import Foundation
import Testing

/// The modules each source folder imports, from its `import` lines.
private func imports(under folder: String) throws -> [String: Set<String>] {
    let root = packageRoot + "/Sources/" + folder
    var found: [String: Set<String>] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
        guard relative.hasSuffix(".swift") else { continue }
        let source = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
        for line in source.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard let index = words.firstIndex(of: "import"), words[..<index].allSatisfy({ ["public", "package", "internal", "@testable"].contains($0) }),
                  index + 1 < words.count else { continue }
            found[words[index + 1], default: []].insert(relative)
        }
    }
    return found
}

@Suite("Module boundaries")
struct ModuleBoundaryTests {
    @Test("the stages import the core and the system, nothing else: no ingest, no tools")
    func stagesImportOnlyTheCore() throws {
        let modules = try imports(under: "NewsAnnotators")
        #expect(modules["NewsAnnotation"] != nil)
        let others = modules.filter { !["NewsAnnotation", "Foundation"].contains($0.key) }
        #expect(others.isEmpty, "\(others)")
    }

    @Test("the tools run any pipeline: they never import the stages", arguments: ["NewsBatch", "NewsReading"])
    func toolsDoNotImportTheStages(folder: String) throws {
        let modules = try imports(under: folder)
        #expect(modules["NewsAnnotation"] != nil)
        #expect(modules["NewsAnnotators"] == nil, "\(modules["NewsAnnotators"] ?? [])")
    }
}
