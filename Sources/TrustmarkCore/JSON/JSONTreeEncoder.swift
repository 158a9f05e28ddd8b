/// The `Encoder` behind `StableJSONEncoder`: each value gets one, which records what the value wrote (`result`).
/// The coding path is kept as a parent link and a key, and only assembled when someone asks for it.
final class JSONTreeEncoder: Encoder {
    private let parent: JSONTreeEncoder?
    private let key: (any CodingKey)?
    var result: JSONTree?
    /// Set on super encoders: where the result goes when the encoder is released (as JSONEncoder's do).
    private var sink: ((JSONTree) -> Void)?

    init(parent: JSONTreeEncoder?, key: (any CodingKey)?, sink: ((JSONTree) -> Void)? = nil) {
        self.parent = parent
        self.key = key
        self.sink = sink
    }

    deinit {
        if let sink { sink(result ?? .object(JSONObjectStore())) }
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let store: JSONObjectStore
        if case .object(let existing) = result {
            store = existing
        } else {
            store = JSONObjectStore()
            result = .object(store)
        }
        return KeyedEncodingContainer(JSONTreeKeyedContainer<Key>(encoder: self, store: store))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let store: JSONArrayStore
        if case .array(let existing) = result {
            store = existing
        } else {
            store = JSONArrayStore()
            result = .array(store)
        }
        return JSONTreeUnkeyedContainer(encoder: self, store: store)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTreeSingleValueContainer(encoder: self)
    }
}

/// The key of an array element in a coding path, as Foundation names it.
struct JSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(intValue: Int) { nil }
    init?(stringValue: String) { nil }
}

struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let store: JSONObjectStore

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ node: JSONTree, _ key: Key) { store.members[key.stringValue] = node }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try JSONTree.number(value, path: codingPath + [key]), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try JSONTree.number(value, path: codingPath + [key]), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.number(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try JSONTree.node(for: value, encoder: encoder, key: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONObjectStore()
        set(.object(nested), key)
        return KeyedEncodingContainer(
            JSONTreeKeyedContainer<NestedKey>(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayStore()
        set(.array(nested), key)
        return JSONTreeUnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let store = self.store
        return JSONTreeEncoder(parent: encoder, key: JSONSuperKey()) { store.members["super"] = $0 }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let store = self.store
        let name = key.stringValue
        return JSONTreeEncoder(parent: encoder, key: key) { store.members[name] = $0 }
    }
}

struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let store: JSONArrayStore

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { store.items.count }

    private func append(_ node: JSONTree) { store.items.append(node) }
    private var nextKey: JSONIndexKey { JSONIndexKey(index: store.items.count) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try JSONTree.number(value, path: codingPath + [nextKey])) }
    mutating func encode(_ value: Float) throws { append(try JSONTree.number(value, path: codingPath + [nextKey])) }
    mutating func encode(_ value: Int) throws { append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try JSONTree.node(for: value, encoder: encoder, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        let nested = JSONObjectStore()
        append(.object(nested))
        return KeyedEncodingContainer(
            JSONTreeKeyedContainer<NestedKey>(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        let nested = JSONArrayStore()
        append(.array(nested))
        return JSONTreeUnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let store = self.store
        let index = store.items.count
        store.items.append(.object(JSONObjectStore()))
        return JSONTreeEncoder(parent: encoder, key: JSONIndexKey(index: index)) { store.items[index] = $0 }
    }
}

struct JSONTreeSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ node: JSONTree) { encoder.result = node }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try JSONTree.number(value, path: codingPath)) }
    mutating func encode(_ value: Float) throws { set(try JSONTree.number(value, path: codingPath)) }
    mutating func encode(_ value: Int) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        // A value written through a single-value container stands where this encoder stands: same path, no new key.
        set(try JSONTree.node(for: value, encoder: encoder, key: nil))
    }
}
