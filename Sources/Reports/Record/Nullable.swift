/// An optional that encodes as an explicit `null` instead of being left out, for fields the schema
/// always carries (`grade`, `subject.digest`, evidence `lineStart`, ...). Decoding accepts `null` and, for
/// documents of an older schema version that lack the field, its absence.
struct Nullable<Wrapped: Codable>: Codable {
    var value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// Chosen over the generic `decode` by the synthesized decoders: a missing key reads as null.
    func decode<Wrapped>(_ type: Nullable<Wrapped>.Type, forKey key: Key) throws -> Nullable<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(nil)
    }
}
