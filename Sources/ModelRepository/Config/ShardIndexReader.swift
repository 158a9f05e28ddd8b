import TrustmarkCore

/// Reads `model.safetensors.index.json`: `metadata.total_size` and the `weight_map` of tensor to shard.
public enum ShardIndexReader {
    public static func read(_ document: TextDocument) -> ShardIndexFacts {
        let root: JSONNode
        do {
            root = try JSONParser.parse(document.text)
        } catch {
            return ShardIndexFacts(
                path: document.path, declaredTotalSize: nil, shards: [], tensorCount: 0,
                problem: CardProblem(message: "not valid JSON: \(error.message)", line: error.line))
        }
        guard let map = root["weight_map"]?.members else {
            return ShardIndexFacts(
                path: document.path, declaredTotalSize: nil, shards: [], tensorCount: 0,
                problem: CardProblem(message: "no `weight_map` object", line: root.line))
        }
        var shards: [String] = []
        var seen = Set<String>()
        for member in map {
            guard let shard = member.node.string else { continue }
            if seen.insert(shard).inserted { shards.append(shard) }
        }
        var total: Located<UInt64>?
        if let node = root["metadata"]?["total_size"], let value = node.uint64 ?? node.int.map(UInt64.init) {
            total = Located(
                value, path: document.path, line: node.line, pointer: "/metadata/total_size", snippet: document.line(node.line).trimmingSpaces())
        }
        return ShardIndexFacts(path: document.path, declaredTotalSize: total, shards: shards, tensorCount: map.count)
    }
}
