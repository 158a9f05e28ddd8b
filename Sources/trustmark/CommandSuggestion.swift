/// "trustmark rte": the subcommand the user most likely meant, by edit distance.
enum CommandSuggestion {
    /// The closest subcommand name within two edits (or a prefix of one), or nil.
    static func suggestion(for word: String, among names: [String]) -> String? {
        guard !word.hasPrefix("-"), !names.contains(word), word.count <= 32 else { return nil }
        if let prefixed = names.filter({ $0.hasPrefix(word) }).first, word.count >= 2 { return prefixed }
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= 2 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return scored.first?.0
    }

    /// Levenshtein distance over characters (short words only: both are at most a few dozen characters).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
