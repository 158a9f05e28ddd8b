/// Why a compressed stream was not decompressed. Every decoder stops at an output cap, so a bomb
/// ends as `tooLarge` instead of exhausting memory.
public enum DecompressionFailure: Error, Equatable, CustomStringConvertible {
    case corrupt(String)
    case tooLarge(limit: Int)
    case unsupported(String)

    public var description: String {
        switch self {
        case .corrupt(let why): return "corrupt compressed data: \(why)"
        case .tooLarge(let limit): return "decompresses to more than \(limit) bytes"
        case .unsupported(let what): return "uses \(what), which Trustmark does not decode"
        }
    }
}
