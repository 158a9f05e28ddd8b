/// Sequential reading over a file or a byte array through a fixed window, so a parser can walk a
/// multi-gigabyte file, skip blobs without reading them, and use constant memory.
public struct ByteCursor {
    enum Source {
        case file(BinaryFile)
        case bytes([UInt8])
    }

    let source: Source
    /// Absolute offset of the next byte.
    public private(set) var offset: UInt64
    public let end: UInt64
    private var window: [UInt8] = []
    private var windowStart: UInt64 = 0
    static let windowSize = 1 << 20

    public init(file: BinaryFile, from start: UInt64 = 0, to end: UInt64? = nil) {
        source = .file(file)
        offset = start
        self.end = min(end ?? file.size, file.size)
    }

    public init(bytes: [UInt8]) {
        source = .bytes(bytes)
        offset = 0
        end = UInt64(bytes.count)
    }

    public var remaining: UInt64 { end > offset ? end - offset : 0 }

    /// A cursor over `count` bytes from the current offset, same source, absolute offsets (for a nested stream).
    public func sub(count: UInt64) -> ByteCursor {
        var copy = ByteCursor(source: source, offset: offset, end: min(end, offset + min(count, remaining)))
        copy.window = window
        copy.windowStart = windowStart
        return copy
    }

    private init(source: Source, offset: UInt64, end: UInt64) {
        self.source = source
        self.offset = offset
        self.end = end
    }
    public var isAtEnd: Bool { offset >= end }

    /// The next byte, or nil at the end (or on a read error, which the caller reports as truncation).
    public mutating func readByte() -> UInt8? {
        guard offset < end else { return nil }
        if case .bytes(let bytes) = source {
            defer { offset += 1 }
            return bytes[Int(offset)]
        }
        if offset < windowStart || offset >= windowStart + UInt64(window.count) { fill() }
        guard offset >= windowStart, offset < windowStart + UInt64(window.count) else { return nil }
        defer { offset += 1 }
        return window[Int(offset - windowStart)]
    }

    /// Up to `count` bytes; fewer only at the end. Callers bound `count` (the cursor never allocates more than asked).
    public mutating func read(_ count: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(count, Int(min(remaining, UInt64(Int.max)))))
        while result.count < count, let byte = readByte() { result.append(byte) }
        return result
    }

    /// Moves past `count` bytes without reading them; false if that runs past the end.
    public mutating func skip(_ count: UInt64) -> Bool {
        let (target, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, target <= end else {
            offset = end
            return false
        }
        offset = target
        return true
    }

    /// Bytes up to (not including) the next `\n`, at most `limit`; nil if there is no newline in time.
    public mutating func readLine(limit: Int = 4096) -> [UInt8]? {
        var line: [UInt8] = []
        while let byte = readByte() {
            if byte == 0x0A { return line }
            line.append(byte)
            if line.count > limit { return nil }
        }
        return nil
    }

    /// Up to `count` bytes at an absolute offset, without moving the cursor or replacing its window: from
    /// the window when it holds them, else with one read of just those bytes.
    public func bytes(at position: UInt64, count: Int) -> [UInt8] {
        guard position < end, count > 0 else { return [] }
        let wanted = Int(min(UInt64(count), end - position))
        switch source {
        case .bytes(let bytes):
            return Array(bytes[Int(position)..<Int(position) + wanted])
        case .file(let file):
            if position >= windowStart, position + UInt64(wanted) <= windowStart + UInt64(window.count) {
                let start = Int(position - windowStart)
                return Array(window[start..<start + wanted])
            }
            return (try? file.read(at: position, count: wanted)) ?? []
        }
    }

    public mutating func readLittleEndian(_ width: Int) -> UInt64? {
        let bytes = read(width)
        guard bytes.count == width else { return nil }
        return bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    private mutating func fill() {
        guard case .file(let file) = source else { return }
        let count = Int(min(UInt64(ByteCursor.windowSize), end - offset))
        window = (try? file.read(at: offset, count: count)) ?? []
        windowStart = offset
    }
}
