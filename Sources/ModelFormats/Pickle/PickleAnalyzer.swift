import TrustmarkCore

/// Walks a pickle's opcodes without executing anything, simulating the stack and memo just enough to
/// know which globals are imported, which are called (REDUCE, NEWOBJ, OBJ, INST) or given state
/// (BUILD), with what arguments, and at which byte offset. Blobs (BINBYTES, long strings) are skipped,
/// not read. A malformed stream ends the walk but never erases what was found before it.
public struct PickleAnalyzer {
    /// One imported global and what happened to it.
    public struct Global: Sendable, Equatable {
        public var module: String
        public var name: String
        public var offset: UInt64
        public var opcode: String
        public var called = false
        public var full: String { module + "." + name }
    }

    public struct Report: Sendable, Equatable {
        public var globals: [Global] = []
        public var findings: [SafetyFinding] = []
        public var opcodes = 0
        public var streams = 0
        /// Offset just past the last STOP (where the next stream, or raw data, starts).
        public var endOffset: UInt64 = 0
        public var protocolVersion: Int?
        public var malformed = false
        /// `persistent_load` ids shaped like torch storages.
        public var storages = 0
        /// Tensors rebuilt from storages (`_rebuild_tensor*` calls) and their element counts by dtype: the
        /// parameter count of a PyTorch checkpoint, read from its shapes without loading anything.
        public var tensors = 0
        public var elementsByDtype: [String: UInt64] = [:]
        /// The string keys tensors are stored under (a state dict's parameter names), in stream order, so
        /// names give layer counts as safetensors headers do. Capped at `maxTensorNames`.
        public var tensorNames: [String] = []
        /// torch's legacy layout: a magic-number pickle, the protocol version 1001, then three more
        /// pickles and raw storage bytes that must not be read as pickle.
        public var isTorchLegacy = false
    }

    /// torch's legacy magic number 0x1950a86a20f9469cfc6c as LONG1's ten little-endian bytes.
    static let legacyMagic: [UInt8] = [0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    /// `1001` as BININT2, torch's legacy protocol version.
    static let legacyVersion: [UInt8] = [0x4D, 0xE9, 0x03, 0x2E]

    indirect enum Value {
        case global(Int)
        case string(String)
        case bytes
        case int(Int64)
        case none
        case scalar
        case mark
        case tuple([Value])
        case container
        /// A dict with string keys, kept small, so joblib's array wrappers can be sized.
        case dict([String: Value])
        /// The result of `numpy.dtype(...)`: bytes per element, or an object dtype.
        case dtype(itemsize: Int, isObject: Bool)
        case call(Int?)
        /// A torch storage from `persistent_load`, with the dtype its storage class names (nil if untyped).
        case storage(String?)
        /// What `_rebuild_tensor*` (or `_rebuild_parameter` around it) would return.
        case tensor
    }

    /// torch's typed storage classes, in safetensors dtype names.
    static let storageDtypes: [String: String] = [
        "FloatStorage": "F32", "HalfStorage": "F16", "BFloat16Storage": "BF16", "DoubleStorage": "F64", "LongStorage": "I64",
        "IntStorage": "I32", "ShortStorage": "I16", "CharStorage": "I8", "ByteStorage": "U8", "BoolStorage": "BOOL",
        "ComplexFloatStorage": "C64", "ComplexDoubleStorage": "C128", "QInt8Storage": "QI8", "QUInt8Storage": "QU8", "QInt32Storage": "QI32",
    ]
    static let tensorRebuilders: Set<String> = ["torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3"]
    static let parameterRebuilders: Set<String> = ["torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state"]
    static let maxTensorNames = 500_000

    let path: String
    var cursor: ByteCursor
    var report = Report()
    var stack: [Value] = []
    var memo: [Int: Value] = [:]
    var sawCall = false
    /// Bounds against expansion tricks: no stack or memo may outgrow these.
    static let maxStack = 100_000
    static let maxMemo = 1_000_000
    static let maxTupleKept = 16
    static let maxStringKept = 512

    var torchScript = false
    /// How deep inside bytes arguments this stream is (PKL-NESTED).
    var nesting = 0
    static let maxNesting = 3

    public init(path: String, cursor: ByteCursor) {
        self.path = path
        self.cursor = cursor
    }

    /// Scans consecutive pickle streams (torch's legacy format has several) until the data stops
    /// looking like a pickle or `maxStreams` is reached.
    public static func scan(path: String, cursor: ByteCursor, maxStreams: Int = 8, torchScript: Bool = false) -> Report {
        var analyzer = PickleAnalyzer(path: path, cursor: cursor)
        analyzer.torchScript = torchScript
        var limit = maxStreams
        var firstIsLiteralMagic = false
        var index = 0
        while index < limit {
            guard !analyzer.cursor.isAtEnd else { break }
            analyzer.stack.removeAll()
            analyzer.memo.removeAll()
            let start = analyzer.cursor.offset
            let completed = analyzer.walkOne()
            analyzer.report.streams += 1
            if index == 0 {
                firstIsLiteralMagic = isLiteralMagic(analyzer.cursor.bytes(at: start, count: Int(min(32, analyzer.cursor.offset - start))))
            }
            if index == 1, maxStreams >= 5, completed {
                let body = analyzer.cursor.bytes(at: start, count: Int(min(16, analyzer.cursor.offset - start)))
                if firstIsLiteralMagic || (body.count >= 6 && body[0] == 0x80 && Array(body.suffix(4)) == legacyVersion) {
                    // The layout is fixed at five pickles; what follows is raw storage, whatever it looks like.
                    analyzer.report.isTorchLegacy = true
                    limit = 5
                    if !firstIsLiteralMagic {
                        analyzer.finding(
                            "PT-LEGACY-MAGIC", .critical,
                            "the legacy torch magic number is not the literal LONG1 torch writes: the first pickle computes it, so code runs before torch checks it",
                            at: cursor.offset, opcode: nil)
                    }
                }
            }
            index += 1
            if !completed { break }
            // Another stream follows only if the next byte is a PROTO opcode.
            guard let next = analyzer.peek(), next == 0x80 else { break }
        }
        for global in analyzer.report.globals where !global.called && analyzer.judge(module: global.module, name: global.name) == .unknown {
            analyzer.finding(
                "PKL-UNKNOWN-REF", .medium,
                "imports \(global.full), which is not on the allowlist (importing runs the module's code), but never calls it",
                at: global.offset, opcode: global.opcode, global: global.full)
        }
        return analyzer.report
    }

    /// PKL-NESTED: a bytes argument that is itself a pickle runs when something unpickles it —
    /// `torch.storage._load_from_bytes`, which the allowlist admits, calls `torch.load` on its bytes. The inner
    /// stream is walked like a file of its own; its findings keep their severity and say where they are.
    mutating func scanNested(_ inner: ByteCursor, at start: UInt64) {
        var analyzer = PickleAnalyzer(path: path, cursor: inner)
        analyzer.torchScript = torchScript
        analyzer.nesting = nesting + 1
        var streams = 0
        while streams < 8, !analyzer.cursor.isAtEnd {
            analyzer.stack.removeAll()
            analyzer.memo.removeAll()
            let completed = analyzer.walkOne()
            streams += 1
            guard completed, analyzer.peek() == 0x80 else { break }
        }
        for global in analyzer.report.globals where !global.called && analyzer.judge(module: global.module, name: global.name) == .unknown {
            analyzer.finding(
                "PKL-UNKNOWN-REF", .medium, "imports \(global.full), which is not on the allowlist, but never calls it",
                at: global.offset, opcode: global.opcode, global: global.full)
        }
        let inner = analyzer.report
        report.globals += inner.globals
        if inner.findings.contains(where: { $0.severity >= .medium }) {
            let worst = inner.findings.map(\.severity).max() ?? .medium
            finding(
                "PKL-NESTED", worst,
                "a bytes argument at byte \(start) is itself a pickle, unpickled when the outer object is rebuilt; its findings follow",
                at: start, opcode: nil)
        }
        for nested in inner.findings where report.findings.count < 200 {
            var located = nested
            located.message = "nested pickle at byte \(start): " + nested.message
            report.findings.append(located)
        }
        if inner.findings.contains(where: { $0.severity >= .high }) { sawCall = true }
    }

    /// In a TorchScript archive torch's C++ unpickler reads the pickles: `__torch__.*` names are classes
    /// compiled from the archive's own `code/`, not Python imports.
    func judge(module: String, name: String) -> PicklePolicy.Verdict {
        if torchScript, module == "__torch__" || module.hasPrefix("__torch__.") { return .allowed }
        return PicklePolicy.judge(module: module, name: name)
    }

    /// PROTO n, an optional FRAME, LONG1 with the magic's ten bytes, STOP: exactly what torch.save writes.
    static func isLiteralMagic(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes[0] == 0x80 else { return false }
        var body = Array(bytes.dropFirst(2))
        if body.first == 0x95, body.count > 9 { body = Array(body.dropFirst(9)) }
        return body == legacyMagic + [0x2E]
    }

    mutating func peek() -> UInt8? {
        var copy = cursor
        return copy.readByte()
    }

    mutating func finding(_ rule: String, _ severity: SafetySeverity, _ message: String, at offset: UInt64, opcode: String?, global: String? = nil) {
        guard report.findings.count < 200 else { return }
        report.findings.append(
            SafetyFinding(rule: rule, severity: severity, message: message, path: path, byteOffset: offset, opcode: opcode, global: global))
    }

    /// Walks one stream to its STOP. Returns false if the stream is malformed or truncated.
    mutating func walkOne() -> Bool {
        var first = true
        while true {
            let offset = cursor.offset
            guard let code = cursor.readByte() else {
                return malformed("the pickle ends without a STOP opcode", at: offset, opcode: nil)
            }
            report.opcodes += 1
            guard let opcode = PickleOpcode(rawValue: code) else {
                return malformed(String(format: "unknown opcode 0x%02x", code), at: offset, opcode: nil)
            }
            defer { first = false }
            if opcode == .proto, !first {
                finding("PKL-PROTO", .medium, "PROTO opcode after the start of the stream (a parser differential)", at: offset, opcode: opcode.name)
            }
            guard step(opcode, at: offset) else { return false }
            if opcode == .stop {
                report.endOffset = cursor.offset
                return true
            }
            if stack.count > PickleAnalyzer.maxStack || memo.count > PickleAnalyzer.maxMemo {
                finding(
                    "PKL-DOS", .medium, "the stack or memo grows past \(PickleAnalyzer.maxStack) items (expansion bomb?)", at: offset,
                    opcode: opcode.name)
                return malformed("scan stopped at the expansion limit", at: offset, opcode: opcode.name)
            }
        }
    }

    mutating func malformed(_ message: String, at offset: UInt64, opcode: String?) -> Bool {
        report.malformed = true
        // Code before a broken opcode has already run when the file is loaded: keep earlier findings, and
        // say the stream is broken at HIGH when a call came first (nullifAI), else note the gap in coverage.
        finding("PKL-MALFORMED", sawCall ? .high : .coverage, "\(message); the rest of the stream was not scanned", at: offset, opcode: opcode)
        return false
    }

    mutating func pop() -> Value? { stack.popLast() }

    mutating func popToMark() -> [Value]? {
        guard let mark = stack.lastIndex(where: { if case .mark = $0 { return true } else { return false } }) else { return nil }
        let items = Array(stack[(mark + 1)...])
        stack.removeSubrange(mark...)
        return items
    }

    mutating func push(_ value: Value) { stack.append(value) }

    mutating func readString(length: UInt64, at offset: UInt64, opcode: PickleOpcode) -> Value? {
        if length <= UInt64(PickleAnalyzer.maxStringKept) {
            let bytes = cursor.read(Int(length))
            guard bytes.count == Int(length) else { return nil }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        guard cursor.skip(length) else { return nil }
        return .bytes
    }

    mutating func addGlobal(module rawModule: String, name rawName: String, at offset: UInt64, opcode: PickleOpcode) -> Int {
        let (module, name) = PicklePolicy.mapName(module: rawModule, name: rawName)
        report.globals.append(Global(module: module, name: name, offset: offset, opcode: opcode.name))
        let index = report.globals.count - 1
        let full = module + "." + name
        if PicklePolicy.isScanner(module) {
            finding("PKL-TAMPER", .critical, "imports the scanner module \(module)", at: offset, opcode: opcode.name, global: full)
        }
        // A dotted name walks attributes; a dunder (`__globals__`, `__builtins__`, `__subclasses__`) reaches interpreter
        // internals. Private helpers such as numpy's `__randomstate_ctor` are neither.
        let isDunder = name.hasPrefix("__") && name.hasSuffix("__") && name.count > 4 && name != "__reduce__"
        if name.includes(".") || isDunder || module.includes("__builtins__") || module.includes("__globals__") {
            finding(
                "PKL-DOTTED", .critical, "global \(full) walks attributes (dotted or dunder name): it can reach any callable", at: offset,
                opcode: opcode.name, global: full)
        }
        switch judge(module: module, name: name) {
        case .denied:
            finding(
                "PKL-DENY", .critical, "imports \(full), a known code-execution or exfiltration sink", at: offset, opcode: opcode.name, global: full)
        case .unknown, .allowed:
            break
        }
        return index
    }

    /// A call on `callee` with `arguments`: unknown callables are HIGH, and arguments that carry a URL,
    /// a shell command or encoded code raise the severity one level.
    mutating func call(_ callee: Value, arguments: [Value], at offset: UInt64, opcode: PickleOpcode) -> Value {
        sawCall = true
        guard case .global(let index) = callee else { return .call(nil) }
        report.globals[index].called = true
        let global = report.globals[index]
        let verdict = judge(module: global.module, name: global.name)
        let indicator = PickleAnalyzer.indicator(in: arguments)
        if verdict == .unknown {
            let severity: SafetySeverity = indicator == nil ? .high : .critical
            finding(
                "PKL-UNKNOWN-CALLED", severity,
                "calls \(global.full), which is not on the allowlist of model-file globals\(indicator.map { " with \($0)" } ?? "")",
                at: offset, opcode: opcode.name, global: global.full)
        } else if verdict == .allowed, let indicator {
            finding("PKL-ARG-IOC", .medium, "calls \(global.full) with \(indicator)", at: offset, opcode: opcode.name, global: global.full)
        }
        if PickleAnalyzer.tensorRebuilders.contains(global.full), arguments.count >= 3, case .storage(let dtype) = arguments[0],
            case .tuple(let sizes) = arguments[2]
        {
            var elements: UInt64? = 1
            for size in sizes {
                guard case .int(let value) = size, value >= 0, let total = elements else {
                    elements = nil
                    break
                }
                let (product, overflow) = total.multipliedReportingOverflow(by: UInt64(value))
                elements = overflow ? nil : product
            }
            if let elements {
                report.tensors += 1
                report.elementsByDtype[dtype ?? "unknown", default: 0] &+= elements
                return .tensor
            }
        }
        if PickleAnalyzer.parameterRebuilders.contains(global.full), case .tensor? = arguments.first { return .tensor }
        return .call(index)
    }

    /// A URL, shell command, code or base64 in call arguments.
    private static let urlMarkers = ["http://", "https://", "ftp://"].map { Array($0.utf8) }
    private static let shellMarkers = [
        "/bin/sh", "/bin/bash", "cmd.exe", "powershell", "curl ", "wget ", "| sh", "rm -", "chmod ", "nc -",
        "whoami", "system(", "import ",
    ].map { Array($0.utf8) }

    static func indicator(in values: [Value]) -> String? {
        for value in values {
            switch value {
            case .string(let text):
                let lower = Array(text.lowercased().utf8)
                if urlMarkers.contains(where: { lower.containsSubsequence($0) }) { return "a URL argument" }
                if shellMarkers.contains(where: { lower.containsSubsequence($0) }) { return "a shell or code argument" }
                if text.hasPrefix("4wEA") || text.hasPrefix("YwAA") { return "a base64 code object" }
            case .tuple(let items):
                if let found = indicator(in: items) { return found }
            default:
                continue
            }
        }
        return nil
    }

    /// Executes one opcode's effect on the simulated stack. False on a malformed stream.
    mutating func step(_ opcode: PickleOpcode, at offset: UInt64) -> Bool {
        func fail(_ message: String) -> Bool { malformed(message, at: offset, opcode: opcode.name) }
        func need(_ count: Int) -> Bool { stack.count >= count }
        switch opcode {
        case .proto:
            guard let version = cursor.readByte() else { return fail("truncated PROTO") }
            if version > 5 { return fail("protocol \(version) does not exist") }
            if report.protocolVersion == nil { report.protocolVersion = Int(version) }
        case .frame:
            guard cursor.readLittleEndian(8) != nil else { return fail("truncated FRAME") }
        case .stop:
            guard pop() != nil else { return fail("STOP on an empty stack") }
        case .mark:
            push(.mark)
        case .pop:
            guard pop() != nil else { return fail("POP on an empty stack") }
        case .popMark:
            guard popToMark() != nil else { return fail("POP_MARK without a MARK") }
        case .dup:
            guard let top = stack.last else { return fail("DUP on an empty stack") }
            push(top)
        case .none: push(.none)
        case .newTrue, .newFalse: push(.scalar)
        case .int, .long, .float:
            guard let line = cursor.readLine(limit: 1024) else { return fail("unterminated number") }
            push(Int64(String(decoding: line, as: UTF8.self)).map(Value.int) ?? .scalar)
        case .binInt:
            guard let value = cursor.readLittleEndian(4) else { return fail("truncated BININT") }
            push(.int(Int64(Int32(truncatingIfNeeded: value))))
        case .binInt1:
            guard let value = cursor.readByte() else { return fail("truncated BININT1") }
            push(.int(Int64(value)))
        case .binInt2:
            guard let value = cursor.readLittleEndian(2) else { return fail("truncated BININT2") }
            push(.int(Int64(value)))
        case .binFloat:
            guard cursor.skip(8) else { return fail("truncated BINFLOAT") }
            push(.scalar)
        case .long1, .long4:
            guard let length = cursor.readLittleEndian(opcode == .long1 ? 1 : 4), cursor.skip(length) else { return fail("truncated LONG") }
            push(.scalar)
        case .string, .unicode:
            guard let line = cursor.readLine(limit: 1 << 20) else { return fail("unterminated string") }
            var text = String(decoding: line, as: UTF8.self)
            if opcode == .string, text.count >= 2, let quote = text.first, quote == "'" || quote == "\"" {
                text = String(text.dropFirst().dropLast())
            }
            push(.string(String(text.prefix(PickleAnalyzer.maxStringKept))))
        case .binString, .binUnicode, .shortBinString, .shortBinUnicode, .binUnicode8, .binBytes, .shortBinBytes, .binBytes8, .byteArray8:
            let width: Int
            switch opcode {
            case .shortBinString, .shortBinUnicode, .shortBinBytes: width = 1
            case .binUnicode8, .binBytes8, .byteArray8: width = 8
            default: width = 4
            }
            guard let length = cursor.readLittleEndian(width) else { return fail("truncated \(opcode.name) length") }
            guard length <= cursor.remaining else { return fail("\(opcode.name) declares \(length) bytes, more than the file holds") }
            let isText = [.binString, .binUnicode, .shortBinString, .shortBinUnicode, .binUnicode8].contains(opcode)
            if isText {
                guard let value = readString(length: length, at: offset, opcode: opcode) else { return fail("truncated \(opcode.name)") }
                push(value)
            } else {
                let head = cursor.bytes(at: cursor.offset, count: 2)
                if length >= 4, head.count == 2, head[0] == 0x80, (2...5).contains(head[1]) {
                    if nesting < PickleAnalyzer.maxNesting {
                        scanNested(cursor.sub(count: length), at: cursor.offset)
                    } else {
                        // No model nests pickles this deep; hiding a payload below the scanner's limit is the only use.
                        finding(
                            "PKL-NESTED", .high,
                            "pickles nested more than \(PickleAnalyzer.maxNesting) levels deep in bytes arguments; the deepest was not scanned",
                            at: cursor.offset, opcode: opcode.name)
                    }
                }
                guard cursor.skip(length) else { return fail("truncated \(opcode.name)") }
                push(.bytes)
            }
        case .nextBuffer, .readonlyBuffer:
            if opcode == .nextBuffer { push(.bytes) }
        case .emptyTuple: push(.tuple([]))
        case .emptyDict: push(.dict([:]))
        case .emptyList, .emptySet: push(.container)
        case .tuple:
            guard let items = popToMark() else { return fail("TUPLE without a MARK") }
            namedTensor(items)
            push(.tuple(Array(items.prefix(PickleAnalyzer.maxTupleKept))))
        case .tuple1, .tuple2, .tuple3:
            let count = opcode == .tuple1 ? 1 : opcode == .tuple2 ? 2 : 3
            guard need(count) else { return fail("\(opcode.name) on a short stack") }
            let items = Array(stack.suffix(count))
            stack.removeLast(count)
            namedTensor(items)
            push(.tuple(items))
        case .list, .dict, .frozenset:
            guard let items = popToMark() else { return fail("\(opcode.name) without a MARK") }
            if opcode == .list { namedTensor(items) }
            push(.container)
        case .append:
            guard need(2) else { return fail("APPEND on a short stack") }
            stack.removeLast()
        case .appends, .addItems:
            guard let items = popToMark(), !stack.isEmpty else { return fail("\(opcode.name) without a MARK or target") }
            if opcode == .appends, case .container? = stack.last { namedTensor(items) }
        case .setItems:
            guard let items = popToMark(), !stack.isEmpty else { return fail("SETITEMS without a MARK or target") }
            var pairs = items[...]
            while pairs.count >= 2 {
                setItem(key: pairs.removeFirst(), value: pairs.removeFirst())
            }
        case .setItem:
            guard need(3) else { return fail("SETITEM on a short stack") }
            let value = stack.removeLast()
            let key = stack.removeLast()
            setItem(key: key, value: value)
        case .get, .binGet, .longBinGet:
            guard let key = memoKey(opcode) else { return fail("bad or truncated \(opcode.name) key") }
            guard let value = memo[key] else { return fail("memo key \(key) is read before it is written") }
            push(value)
        case .put, .binPut, .longBinPut:
            guard let key = memoKey(opcode) else { return fail("bad or truncated \(opcode.name) key") }
            guard let top = stack.last else { return fail("PUT on an empty stack") }
            memo[key] = top
        case .memoize:
            guard let top = stack.last else { return fail("MEMOIZE on an empty stack") }
            memo[memo.count] = top
        case .global, .inst:
            guard let moduleLine = cursor.readLine(limit: 4096), let nameLine = cursor.readLine(limit: 4096) else {
                return fail("unterminated \(opcode.name)")
            }
            // CPython decodes both lines as UTF-8 before it imports anything; invalid bytes fail the load first.
            guard let module = String(validating: moduleLine, as: UTF8.self), let name = String(validating: nameLine, as: UTF8.self) else {
                return fail("\(opcode.name) operands are not UTF-8")
            }
            let index = addGlobal(module: module, name: name, at: offset, opcode: opcode)
            if opcode == .inst {
                guard let arguments = popToMark() else { return fail("INST without a MARK") }
                push(call(.global(index), arguments: arguments, at: offset, opcode: opcode))
            } else {
                push(.global(index))
            }
        case .stackGlobal:
            guard need(2) else { return fail("STACK_GLOBAL on a short stack") }
            let name = stack.removeLast()
            let module = stack.removeLast()
            guard case .string(let moduleName) = module, case .string(let globalName) = name else {
                finding(
                    "PKL-DOTTED", .critical, "STACK_GLOBAL with operands that are not plain strings: the import cannot be resolved statically",
                    at: offset, opcode: opcode.name)
                push(.call(nil))
                return true
            }
            push(.global(addGlobal(module: moduleName, name: globalName, at: offset, opcode: opcode)))
        case .reduce:
            guard need(2) else { return fail("REDUCE on a short stack") }
            let arguments = stack.removeLast()
            let callee = stack.removeLast()
            let result = call(callee, arguments: PickleAnalyzer.items(arguments), at: offset, opcode: opcode)
            if case .global(let index) = callee, report.globals[index].full == "numpy.dtype",
                case .string(let code)? = PickleAnalyzer.items(arguments).first, let dtype = PickleAnalyzer.dtype(code)
            {
                push(dtype)
            } else {
                push(result)
            }
        case .newObj:
            guard need(2) else { return fail("NEWOBJ on a short stack") }
            let arguments = stack.removeLast()
            let callee = stack.removeLast()
            push(call(callee, arguments: PickleAnalyzer.items(arguments), at: offset, opcode: opcode))
        case .newObjEx:
            guard need(3) else { return fail("NEWOBJ_EX on a short stack") }
            stack.removeLast()
            let arguments = stack.removeLast()
            let callee = stack.removeLast()
            push(call(callee, arguments: PickleAnalyzer.items(arguments), at: offset, opcode: opcode))
        case .obj:
            guard var items = popToMark(), !items.isEmpty else { return fail("OBJ without a MARK or class") }
            let callee = items.removeFirst()
            push(call(callee, arguments: items, at: offset, opcode: opcode))
        case .build:
            guard need(2) else { return fail("BUILD on a short stack") }
            let state = stack.removeLast()
            if case .call(let index?) = stack.last, report.globals[index].name == "NumpyArrayWrapper", case .dict(let fields) = state {
                return skipInlineArray(fields, at: offset)
            }
            if case .global(let index) = stack.last {
                let global = report.globals[index]
                finding(
                    "PKL-BUILD-TARGET", .critical, "BUILD sets state on \(global.full) itself (a module, class or function), which can rewrite code",
                    at: offset, opcode: opcode.name, global: global.full)
            }
            sawCall = true
            if let indicator = PickleAnalyzer.indicator(in: PickleAnalyzer.items(state)) {
                finding("PKL-ARG-IOC", .medium, "BUILD state carries \(indicator)", at: offset, opcode: opcode.name)
            }
        case .persId, .binPersId:
            if opcode == .persId {
                guard cursor.readLine(limit: 4096) != nil else { return fail("unterminated PERSID") }
            } else {
                guard let id = pop() else { return fail("BINPERSID on an empty stack") }
                if case .tuple(let items) = id, items.count >= 5, case .string(let tag) = items[0], tag == "storage" {
                    report.storages += 1
                    var dtype: String?
                    if case .global(let index) = items[1] { dtype = PickleAnalyzer.storageDtypes[report.globals[index].name] }
                    push(.storage(dtype))
                    return true
                } else {
                    finding(
                        "PKL-PERSID", .medium, "a persistent id that is not a torch storage: the loader's hook decides what it does", at: offset,
                        opcode: opcode.name)
                }
            }
            push(.storage(nil))
        case .ext1, .ext2, .ext4:
            guard cursor.readLittleEndian(opcode == .ext1 ? 1 : opcode == .ext2 ? 2 : 4) != nil else { return fail("truncated \(opcode.name)") }
            finding(
                "PKL-EXT", .medium, "\(opcode.name) imports from the copyreg extension registry, which cannot be resolved statically", at: offset,
                opcode: opcode.name)
            push(.call(nil))
        }
        return true
    }

    /// The memo index of GET/PUT (a decimal line), BINGET/BINPUT (one byte) or LONG_BINGET/LONG_BINPUT (four bytes).
    mutating func memoKey(_ opcode: PickleOpcode) -> Int? {
        switch opcode {
        case .get, .put:
            guard let line = cursor.readLine(limit: 32) else { return nil }
            return Int(String(decoding: line, as: UTF8.self))
        case .binGet, .binPut:
            return cursor.readByte().map(Int.init)
        default:
            return cursor.readLittleEndian(4).map { Int($0) }
        }
    }

    /// Old torch versions pickle a state dict as `OrderedDict([[name, tensor], ...])` (or with tuples): a
    /// two-item sequence of a name and a tensor names that tensor.
    mutating func namedTensor(_ items: [Value]) {
        if items.count == 2, case .string(let name) = items[0], case .tensor = items[1], report.tensorNames.count < PickleAnalyzer.maxTensorNames {
            report.tensorNames.append(name)
        }
    }

    mutating func setItem(key: Value, value: Value) {
        if case .tensor = value, case .string(let name) = key, report.tensorNames.count < PickleAnalyzer.maxTensorNames {
            report.tensorNames.append(name)
        }
        guard case .dict(var fields) = stack.last, case .string(let name) = key, fields.count < 32 else { return }
        fields[name] = value
        stack[stack.count - 1] = .dict(fields)
    }

    /// `i8`, `<f4`, `|b1`, `O`, `<U10`: bytes per element.
    static func dtype(_ code: String) -> Value? {
        let body = code.drop { "<>|=".contains($0) }
        guard let kind = body.first else { return nil }
        if kind == "O" { return .dtype(itemsize: 8, isObject: true) }
        guard let size = Int(body.dropFirst()), size > 0, size <= 1024 else { return nil }
        return .dtype(itemsize: kind == "U" ? size * 4 : size, isObject: false)
    }

    /// joblib writes each wrapped array's bytes right after the wrapper's BUILD (after a one-byte
    /// padding length when the state asks for alignment); object arrays are a nested pickle instead.
    mutating func skipInlineArray(_ fields: [String: Value], at offset: UInt64) -> Bool {
        guard case .tuple(let dimensions)? = fields["shape"], case .dtype(let itemsize, let isObject)? = fields["dtype"] else {
            return malformed("a joblib array wrapper whose shape or dtype cannot be read", at: offset, opcode: "BUILD")
        }
        if fields["numpy_array_alignment_bytes"] != nil {
            guard let padding = cursor.readByte(), cursor.skip(UInt64(padding)) else {
                return malformed("truncated joblib alignment padding", at: offset, opcode: "BUILD")
            }
        }
        if isObject {
            // The nested stream is walked like any other; its findings count.
            let savedStack = stack
            let savedMemo = memo
            stack = []
            memo = [:]
            let completed = walkOne()
            stack = savedStack
            memo = savedMemo
            return completed
        }
        var count: UInt64 = 1
        for dimension in dimensions {
            guard case .int(let value) = dimension, value >= 0 else {
                return malformed("a joblib array with an unreadable shape", at: offset, opcode: "BUILD")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: UInt64(value))
            guard !overflow else { return malformed("a joblib array whose size overflows", at: offset, opcode: "BUILD") }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(itemsize))
        guard !overflow, cursor.skip(bytes) else {
            return malformed("a joblib array's \(bytes) inline bytes run past the end of the file", at: offset, opcode: "BUILD")
        }
        return true
    }

    static func items(_ value: Value) -> [Value] {
        if case .tuple(let items) = value { return items }
        return [value]
    }
}
