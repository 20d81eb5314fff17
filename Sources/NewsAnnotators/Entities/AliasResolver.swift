import NewsAnnotation

/// Groups the mentions of one entity in a document (an "orthomatcher"): the same name written
/// again, a surname after the full name ("Reeve" → "Richard Reeve", "Assad" → "Bashar al-Assad"),
/// an acronym in parentheses after its full form, an acronym of a name's initials, and a
/// gazetteer's aliases ("URSS" → "Unione Sovietica").
///
/// One sense per document: every mention of a cluster takes the cluster's type. The canonical
/// name is the gazetteer's name when there is one, otherwise the fullest mention.
struct AliasResolver {
    let finder: MentionFinder

    private struct Cluster {
        var founder: Int
        var members: [Int] = []
        var type: String
        var subtype: String?
        var entry: Int?
        var keys: Set<String> = []
        var surnames: Set<String> = []
        var givenNames: Set<String> = []
        var initials: String?
    }

    func resolve(_ mentions: [Mention]) -> [Entity] {
        let keys = mentions.map { key(of: $0.first..<$0.end) }
        var clusters: [Cluster] = []
        var clusterOf = [Int](repeating: -1, count: mentions.count)
        // Fuller names first, so that a surname finds its full name wherever it is.
        // An acronym linked to its full form comes right after it.
        func length(_ index: Int) -> Int {
            let mention = mentions[index].linkedTo.map { mentions[$0] } ?? mentions[index]
            return mention.end - mention.first
        }
        let order = mentions.indices.sorted { a, b in
            if (mentions[a].entry != nil) != (mentions[b].entry != nil) { return mentions[a].entry != nil }
            if length(a) != length(b) { return length(a) > length(b) }
            if (mentions[a].linkedTo == nil) != (mentions[b].linkedTo == nil) { return mentions[a].linkedTo == nil }
            return a < b
        }
        for index in order {
            let mention = mentions[index]
            var candidates: [Int] = []
            if let link = mention.linkedTo, clusterOf[link] >= 0 {
                candidates = [clusterOf[link]]
            } else {
                for (number, cluster) in clusters.enumerated() {
                    if let entry = mention.entry, let other = cluster.entry {
                        if entry == other || finder.language.gazetteer.entries[entry].name == finder.language.gazetteer.entries[other].name { candidates.append(number) }
                        continue
                    }
                    if cluster.keys.contains(keys[index]) { candidates.append(number); continue }
                    if mention.entry == nil, mention.end - mention.first == 1, cluster.type == "PER", cluster.surnames.contains(surname(mention.end - 1)) { candidates.append(number); continue }
                    if mention.entry == nil, mention.end - mention.first == 1, cluster.type == "PER", cluster.givenNames.contains(keys[index]) { candidates.append(number); continue }
                    // "Ben Salah" after "Karim Ben Salah": the last words of a fuller name.
                    if mention.entry == nil, mention.end - mention.first > 1, cluster.type == "PER", cluster.keys.contains(where: { $0.hasSuffix(" " + keys[index]) }) { candidates.append(number); continue }
                    if mention.entry == nil, let initials = cluster.initials, initials == finder.features[mention.first].form, mention.end - mention.first == 1 { candidates.append(number) }
                }
            }
            let chosen: Int
            if let nearest = nearestPreceding(candidates, clusters: clusters, mentions: mentions, before: mention.first) {
                chosen = nearest
            } else {
                clusters.append(Cluster(founder: index, type: mention.type, subtype: mention.subtype, entry: mention.entry))
                chosen = clusters.count - 1
                if mention.end - mention.first > 1 {
                    clusters[chosen].initials = initials(of: mention.first..<mention.end)
                }
            }
            clusterOf[index] = chosen
            clusters[chosen].members.append(index)
            clusters[chosen].keys.insert(keys[index])
            if clusters[chosen].entry == nil, let entry = mention.entry { clusters[chosen].entry = entry }
            if clusters[chosen].type == "PER", mention.end - mention.first > 1 {
                clusters[chosen].surnames.insert(surname(mention.end - 1))
                clusters[chosen].givenNames.insert(finder.features[mention.first].lower)
            }
        }
        // A one-word "person" that names organisations ("Riverton" of "Riverton Port Authority") is a place.
        for number in clusters.indices where clusters[number].type == "PER" && clusters[number].surnames.isEmpty && clusters[number].entry == nil {
            let word = keys[clusters[number].founder]
            let namesOrganisation = clusters.contains { other in
                other.type == "ORG" && other.members.contains { member in
                    mentions[member].end - mentions[member].first > 1 && finder.features[mentions[member].first].lower == word
                }
            }
            if namesOrganisation { clusters[number].type = "LOC" }
        }
        // Cluster ids in order of first mention.
        var firstMention = clusters.map { $0.members.map { mentions[$0].first }.min() ?? 0 }
        let clusterOrder = clusters.indices.sorted { firstMention[$0] < firstMention[$1] }
        var clusterID = [Int](repeating: 0, count: clusters.count)
        for (position, cluster) in clusterOrder.enumerated() { clusterID[cluster] = position + 1 }
        firstMention.removeAll()

        var entities: [Entity] = []
        for index in mentions.indices.sorted(by: { mentions[$0].first < mentions[$1].first }) {
            let mention = mentions[index]
            let cluster = clusters[clusterOf[index]]
            let founder = mentions[cluster.founder]
            let canonical = cluster.entry.map { finder.language.gazetteer.entries[$0].name } ?? founder.publication ?? finder.excerpt(founder.first..<founder.end).text
            let excerpt = finder.excerpt(mention.first..<mention.end)
            entities.append(Entity(
                id: "e\(entities.count + 1)", span: excerpt.span, text: excerpt.text,
                type: cluster.type, subtype: cluster.subtype ?? (cluster.type == mention.type ? mention.subtype : nil),
                canonical: canonical, cluster: "c\(clusterID[clusterOf[index]])",
                title: mention.title.map { finder.excerpt($0) }, origin: mention.origin))
        }
        return entities
    }

    /// Of the candidate clusters, the one mentioned last before `position`; else the first.
    private func nearestPreceding(_ candidates: [Int], clusters: [Cluster], mentions: [Mention], before position: Int) -> Int? {
        guard !candidates.isEmpty else { return nil }
        var best: (cluster: Int, distance: Int)?
        for candidate in candidates {
            let preceding = clusters[candidate].members.map { mentions[$0].first }.filter { $0 < position }.max()
            if let preceding, best == nil || position - preceding < best!.distance { best = (candidate, position - preceding) }
        }
        return best?.cluster ?? candidates[0]
    }

    /// The lowercase words of a mention, joined by spaces.
    private func key(of range: Range<Int>) -> String {
        range.map { finder.features[$0].lower }.joined(separator: " ")
    }

    /// A surname without its particle: "al-Assad" → "assad".
    private func surname(_ index: Int) -> String {
        let word = finder.features[index].lower
        if let hyphen = word.firstIndex(of: "-"), finder.language.rules.nameParticles.contains(String(word[..<hyphen])) {
            return String(word[word.index(after: hyphen)...])
        }
        return word
    }

    /// "London School of Economics" → "LSE": the capitals of its capitalised words.
    private func initials(of range: Range<Int>) -> String? {
        let letters = range.compactMap { index -> Character? in
            guard let first = finder.features[index].form.first, first.isUppercase else { return nil }
            return first
        }
        return letters.count >= 2 ? String(letters) : nil
    }
}
