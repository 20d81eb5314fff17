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
        /// The members' first tokens, sorted.
        var starts: [Int] = []
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
        // Indexes from names to clusters, so that each mention looks up its candidates instead of
        // comparing itself with every cluster (documents can have tens of thousands of mentions).
        var byKey: [String: [Int]] = [:], byEntryName: [String: [Int]] = [:], bySurname: [String: [Int]] = [:]
        var byGivenName: [String: [Int]] = [:], bySuffix: [String: [Int]] = [:], byInitials: [String: [Int]] = [:]
        func note(_ cluster: Int, in index: inout [String: [Int]], _ key: String) {
            if index[key]?.last != cluster { index[key, default: []].append(cluster) }
        }
        let gazetteer = finder.language.gazetteer
        for index in order {
            let mention = mentions[index]
            let single = mention.end - mention.first == 1
            var candidates: Set<Int> = []
            if let link = mention.linkedTo, clusterOf[link] >= 0 {
                candidates = [clusterOf[link]]
            } else {
                if let entry = mention.entry { candidates.formUnion(byEntryName[gazetteer.entries[entry].name] ?? []) }
                for number in byKey[keys[index]] ?? [] {
                    // Two different gazetteer entries never merge.
                    if let entry = mention.entry, let other = clusters[number].entry, gazetteer.entries[entry].name != gazetteer.entries[other].name { continue }
                    candidates.insert(number)
                }
                if mention.entry == nil {
                    if single {
                        candidates.formUnion(bySurname[surname(mention.end - 1)] ?? [])
                        candidates.formUnion(byGivenName[keys[index]] ?? [])
                        candidates.formUnion(byInitials[finder.features[mention.first].form] ?? [])
                    } else {
                        // "Ben Salah" after "Karim Ben Salah": the last words of a fuller name.
                        candidates.formUnion(bySuffix[keys[index]] ?? [])
                    }
                }
            }
            let chosen: Int
            if let nearest = nearestPreceding(candidates.sorted(), clusters: clusters, before: mention.first) {
                chosen = nearest
            } else {
                clusters.append(Cluster(founder: index, type: mention.type, subtype: mention.subtype, entry: mention.entry))
                chosen = clusters.count - 1
                if mention.end - mention.first > 1, let initials = initials(of: mention.first..<mention.end) {
                    clusters[chosen].initials = initials
                    note(chosen, in: &byInitials, initials)
                }
            }
            clusterOf[index] = chosen
            clusters[chosen].members.append(index)
            // Member starts stay sorted, for the nearest-preceding search.
            let starts = clusters[chosen].starts
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < mention.first { low = middle + 1 } else { high = middle }
            }
            clusters[chosen].starts.insert(mention.first, at: low)
            clusters[chosen].keys.insert(keys[index])
            note(chosen, in: &byKey, keys[index])
            if clusters[chosen].entry == nil, let entry = mention.entry { clusters[chosen].entry = entry }
            if let entry = clusters[chosen].entry { note(chosen, in: &byEntryName, gazetteer.entries[entry].name) }
            if clusters[chosen].type == "PER", !single {
                let last = surname(mention.end - 1), given = finder.features[mention.first].lower
                clusters[chosen].surnames.insert(last)
                clusters[chosen].givenNames.insert(given)
                note(chosen, in: &bySurname, last)
                note(chosen, in: &byGivenName, given)
                let words = keys[index].split(separator: " ")
                for drop in 1..<words.count where words.count - drop >= 2 { note(chosen, in: &bySuffix, words[drop...].joined(separator: " ")) }
            }
        }
        // A one-word "person" that names organisations ("Riverton" of "Riverton Port Authority") is
        // a place. So is a one-word `MISC` name where `MISC` only stands for a name of no known type
        // (languages without a tagger); a tagger's `MISC` is a demonym, an event or a work, which
        // stays `MISC` at the head of an organisation's name too ("Greek" of "Greek Orthodox
        // Church", CoNLL's convention).
        let placeholderMISC = finder.language.model == nil
        for number in clusters.indices where (clusters[number].type == "PER" || (placeholderMISC && clusters[number].type == "MISC"))
            && clusters[number].surnames.isEmpty && clusters[number].entry == nil {
            let word = keys[clusters[number].founder]
            let namesOrganisation = clusters.contains { other in
                other.type == "ORG" && other.members.contains { member in
                    mentions[member].end - mentions[member].first > 1 && finder.features[mentions[member].first].lower == word
                }
            }
            // Where the language puts an organisation's head noun first ("Ministerio" of
            // "Ministerio de Sanidad"), that word alone names an organisation, not a place.
            if finder.language.rules.organisationHeads?.contains(word) == true {
                clusters[number].type = "ORG"
            } else if namesOrganisation {
                clusters[number].type = "LOC"
            }
        }
        // Cluster ids in order of first mention.
        let firstMention = clusters.map { $0.starts.first ?? 0 }
        let clusterOrder = clusters.indices.sorted { firstMention[$0] < firstMention[$1] }
        var clusterID = [Int](repeating: 0, count: clusters.count)
        for (position, cluster) in clusterOrder.enumerated() { clusterID[cluster] = position + 1 }

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
    private func nearestPreceding(_ candidates: [Int], clusters: [Cluster], before position: Int) -> Int? {
        guard !candidates.isEmpty else { return nil }
        var best: (cluster: Int, distance: Int)?
        for candidate in candidates {
            let starts = clusters[candidate].starts
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < position { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { continue }
            let distance = position - starts[low - 1]
            if best == nil || distance < best!.distance { best = (candidate, distance) }
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
