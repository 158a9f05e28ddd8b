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

struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer, JSONTreeValueSink {
    let encoder: JSONTreeEncoder
    let store: JSONArrayStore

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { store.items.count }

    func put(_ node: JSONTree) { store.items.append(node) }
    private var nextKey: JSONIndexKey { JSONIndexKey(index: store.items.count) }
    var nextPath: [any CodingKey] { codingPath + [nextKey] }

    func node<T: Encodable>(for value: T) throws -> JSONTree { try JSONTree.node(for: value, encoder: encoder, key: nextKey) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        let nested = JSONObjectStore()
        put(.object(nested))
        return KeyedEncodingContainer(
            JSONTreeKeyedContainer<NestedKey>(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        let nested = JSONArrayStore()
        put(.array(nested))
        return JSONTreeUnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), store: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let store = self.store
        let index = store.items.count
        store.items.append(.object(JSONObjectStore()))
        return JSONTreeEncoder(parent: encoder, key: JSONIndexKey(index: index)) { store.items[index] = $0 }
    }
}

struct JSONTreeSingleValueContainer: SingleValueEncodingContainer, JSONTreeValueSink {
    let encoder: JSONTreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    func put(_ node: JSONTree) { encoder.result = node }
    var nextPath: [any CodingKey] { codingPath }

    // A value written through a single-value container stands where this encoder stands: same path, no new key.
    func node<T: Encodable>(for value: T) throws -> JSONTree { try JSONTree.node(for: value, encoder: encoder, key: nil) }
}

/// The scalar writes an unkeyed and a single-value container share: each puts one node where its next value goes.
protocol JSONTreeValueSink {
    func put(_ node: JSONTree)
    /// The coding path of the value written next (for errors).
    var nextPath: [any CodingKey] { get }
    func node<T: Encodable>(for value: T) throws -> JSONTree
}

extension JSONTreeValueSink {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONTree.number(value, path: nextPath)) }
    mutating func encode(_ value: Float) throws { put(try JSONTree.number(value, path: nextPath)) }
    mutating func encode(_ value: Int) throws { put(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { put(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { put(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { put(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { put(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { put(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { put(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { put(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { put(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { put(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { put(try node(for: value)) }
}
