import ModelFormats

/// A file a command takes as input — a policy, a Model Openness Tool file, a key, an attestation — read whole, but
/// only a regular file (a FIFO is refused, not waited on) and only up to the size such a file can have.
enum InputFile {
    static let policyLimit = 1 << 20
    static let modelOpennessLimit = 1 << 20
    static let keyLimit = 64 << 10
    static let attestationLimit = 64 << 20
    /// A stored rating: at most 100 findings a check and 100,000 files keep real ones far below this.
    static let ratingLimit = 256 << 20

    static func text(_ path: String, limit: Int) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try SafeFile.read(path, limit: limit)
        } catch {
            throw InputError(message: error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError(message: "\(path): not UTF-8 text") }
        return text
    }
}
