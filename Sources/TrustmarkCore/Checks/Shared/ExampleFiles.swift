extension CheckExample {
    /// `{}` as a protocol-2 pickle: nothing imported, nothing called.
    static let benignPickle: [UInt8] = [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E]
    /// A protocol-0 pickle that imports `os.system` and calls it. Tests write it to a temporary folder and scan it;
    /// nothing ever loads it.
    static let maliciousPickle: [UInt8] = Array("cos\nsystem\n(S'echo pwned'\ntR.".utf8)
}
