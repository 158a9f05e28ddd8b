/// Walks an ONNX `ModelProto` (onnx/onnx.proto3): graph, nodes, initializers, attribute tensors,
/// subgraphs and functions, recording external-data entries and operator domains. Nothing is
/// executed and tensor bytes are skipped.
public enum ONNXReader {
    /// Subgraphs (If/Loop/Scan bodies) nest; deeper than this is refused as hostile.
    static let maxDepth = 32
    static let maxTensors = 1_000_000

    public static func read(_ file: BinaryFile) -> ONNXModel {
        read(ByteCursor(file: file))
    }

    public static func read(_ cursor: ByteCursor) -> ONNXModel {
        var reader = Walker(proto: ProtobufCursor(cursor: cursor))
        reader.model(end: cursor.end)
        if let failure = reader.proto.failure { reader.result.problem = .init(message: failure.message, offset: failure.offset) }
        return reader.result
    }

    /// A cheap test on the first bytes: `ir_version` (field 1, varint) comes first in every ONNX
    /// writer's output, followed by another ModelProto field.
    public static func looksLikeONNX(_ head: [UInt8]) -> Bool {
        guard head.count >= 4, head[0] == 0x08, (1...20).contains(head[1]) else { return false }
        let tag = head[2]
        return [0x12, 0x1A, 0x22, 0x28, 0x32, 0x3A, 0x42, 0x72].contains(tag)
    }

    struct Walker {
        var proto: ProtobufCursor
        var result = ONNXModel()
        var tensorCount = 0

        /// The end offset of the embedded message that starts here.
        mutating func embedded(before end: UInt64) -> UInt64? {
            proto.length(before: end).map { proto.offset + $0 }
        }

        mutating func finish(_ messageEnd: UInt64) {
            if proto.failure == nil, proto.offset != messageEnd { _ = proto.fail("embedded message does not end where its length says") }
        }

        mutating func model(end: UInt64) {
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (1, .varint): result.irVersion = proto.varint()
                case (2, .lengthDelimited): result.producer = proto.string(before: end, limit: 256)
                case (3, .lengthDelimited): result.producerVersion = proto.string(before: end, limit: 256)
                case (7, .lengthDelimited):
                    result.hasGraph = true
                    if let graphEnd = embedded(before: end) {
                        graph(end: graphEnd, depth: 0)
                        finish(graphEnd)
                    }
                case (8, .lengthDelimited):
                    if let setEnd = embedded(before: end) {
                        opset(end: setEnd)
                        finish(setEnd)
                    }
                case (14, .lengthDelimited):
                    if let entryEnd = embedded(before: end), let entry = self.entry(end: entryEnd) {
                        result.metadata[entry.key] = String(entry.value.prefix(512))
                        finish(entryEnd)
                    }
                case (25, .lengthDelimited):
                    if let functionEnd = embedded(before: end) {
                        function(end: functionEnd)
                        finish(functionEnd)
                    }
                default: proto.skip(field, before: end)
                }
            }
        }

        mutating func opset(end: UInt64) {
            var domain = "", version: UInt64 = 0
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (1, .lengthDelimited): domain = proto.string(before: end, limit: 256) ?? ""
                case (2, .varint): version = proto.varint() ?? 0
                default: proto.skip(field, before: end)
                }
            }
            result.opsets[domain] = version
        }

        mutating func graph(end: UInt64, depth: Int) {
            guard depth <= ONNXReader.maxDepth else {
                _ = proto.fail("subgraphs nest deeper than \(ONNXReader.maxDepth) levels")
                return
            }
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (1, .lengthDelimited):
                    if let nodeEnd = embedded(before: end) {
                        node(end: nodeEnd, depth: depth)
                        finish(nodeEnd)
                    }
                case (5, .lengthDelimited):
                    if let tensorEnd = embedded(before: end) {
                        tensor(end: tensorEnd, initializer: true, at: field.offset)
                        finish(tensorEnd)
                    }
                case (15, .lengthDelimited):
                    if let sparseEnd = embedded(before: end) {
                        sparse(end: sparseEnd, initializer: true)
                        finish(sparseEnd)
                    }
                default: proto.skip(field, before: end)
                }
            }
        }

        mutating func function(end: UInt64) {
            var domain = ""
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (7, .lengthDelimited):
                    if let nodeEnd = embedded(before: end) {
                        node(end: nodeEnd, depth: 1)
                        finish(nodeEnd)
                    }
                case (10, .lengthDelimited): domain = proto.string(before: end, limit: 256) ?? ""
                default: proto.skip(field, before: end)
                }
            }
            if !domain.isEmpty { result.functionDomains.insert(domain) }
        }

        mutating func node(end: UInt64, depth: Int) {
            let start = proto.offset
            var domain = "", type = ""
            result.nodeCount += 1
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (4, .lengthDelimited): type = proto.string(before: end, limit: 256) ?? ""
                case (7, .lengthDelimited): domain = proto.string(before: end, limit: 256) ?? ""
                case (5, .lengthDelimited):
                    if let attributeEnd = embedded(before: end) {
                        attribute(end: attributeEnd, depth: depth)
                        finish(attributeEnd)
                    }
                default: proto.skip(field, before: end)
                }
            }
            let key = ONNXModel.Operator(domain: domain, type: type)
            if result.operators[key] == nil { result.operators[key] = start }
        }

        mutating func attribute(end: UInt64, depth: Int) {
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (5, .lengthDelimited), (10, .lengthDelimited):
                    if let tensorEnd = embedded(before: end) {
                        tensor(end: tensorEnd, initializer: false, at: field.offset)
                        finish(tensorEnd)
                    }
                case (6, .lengthDelimited), (11, .lengthDelimited):
                    if let graphEnd = embedded(before: end) {
                        graph(end: graphEnd, depth: depth + 1)
                        finish(graphEnd)
                    }
                case (22, .lengthDelimited), (23, .lengthDelimited):
                    if let sparseEnd = embedded(before: end) {
                        sparse(end: sparseEnd, initializer: false)
                        finish(sparseEnd)
                    }
                default: proto.skip(field, before: end)
                }
            }
        }

        mutating func sparse(end: UInt64, initializer: Bool) {
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                // The values tensor counts as parameters; the indices tensor is bookkeeping but may be external too.
                case (1, .lengthDelimited):
                    if let tensorEnd = embedded(before: end) {
                        tensor(end: tensorEnd, initializer: initializer, at: field.offset)
                        finish(tensorEnd)
                    }
                case (2, .lengthDelimited):
                    if let tensorEnd = embedded(before: end) {
                        tensor(end: tensorEnd, initializer: false, at: field.offset)
                        finish(tensorEnd)
                    }
                default: proto.skip(field, before: end)
                }
            }
        }

        mutating func tensor(end: UInt64, initializer: Bool, at offset: UInt64) {
            tensorCount += 1
            guard tensorCount <= ONNXReader.maxTensors else {
                _ = proto.fail("more than \(ONNXReader.maxTensors) tensors")
                return
            }
            var tensor = ONNXModel.Tensor()
            tensor.offset = offset
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (1, .varint):
                    if let dim = proto.varint(), tensor.dims.count < 64 { tensor.dims.append(Int64(bitPattern: dim)) }
                case (1, .lengthDelimited):
                    guard let length = proto.length(before: end) else { return }
                    let packedEnd = proto.offset + length
                    while proto.offset < packedEnd, let dim = proto.varint() {
                        if tensor.dims.count < 64 { tensor.dims.append(Int64(bitPattern: dim)) }
                    }
                case (2, .varint): tensor.dataType = Int(truncatingIfNeeded: proto.varint() ?? 0)
                case (8, .lengthDelimited): tensor.name = proto.string(before: end, limit: 1024) ?? ""
                case (13, .lengthDelimited):
                    if let entryEnd = embedded(before: end), let entry = self.entry(end: entryEnd) {
                        if tensor.externalData.count < 16 { tensor.externalData.append(entry) }
                        finish(entryEnd)
                    }
                case (14, .varint): tensor.isExternal = proto.varint() == 1
                default: proto.skip(field, before: end)
                }
            }
            if initializer { result.initializers.append(tensor) } else { result.attributeTensors.append(tensor) }
        }

        mutating func entry(end: UInt64) -> ONNXModel.Entry? {
            var key = "", value = ""
            while let field = proto.nextField(before: end) {
                switch (field.number, field.wire) {
                case (1, .lengthDelimited): key = proto.string(before: end, limit: 1024) ?? ""
                case (2, .lengthDelimited): value = proto.string(before: end, limit: 4096) ?? ""
                default: proto.skip(field, before: end)
                }
            }
            return proto.failure == nil ? ONNXModel.Entry(key: key, value: value) : nil
        }
    }
}
