/// An optional that encodes as an explicit `null` instead of being left out, for fields the schema
/// always carries (`grade`, `subject.digest`, evidence `lineStart`, ...).
struct Nullable<Wrapped: Encodable>: Encodable {
    var value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
