import ArgumentParser
import Foundation
import RatingPipeline
import Reports
import TrustmarkCore

/// The model a command rates: the same targets as `trustmark rate`.
struct TargetOptions: ParsableArguments {
    @Argument(help: "A folder, cache entry, org/name on the Hub, ms://owner/name, or weights file. Omit with --evidence.")
    var target: String?

    @Option(help: "Revision for Hub, ModelScope and cache targets: a branch, tag or commit.")
    var revision: String?

    @Flag(help: "Do not use the network: Hub and ModelScope targets come from their local caches (also HF_HUB_OFFLINE=1).")
    var offline = false

    @Option(help: "Rate offline from an evidence folder written by `trustmark rate --save-evidence`.")
    var evidence: String?

    @Flag(name: .customLong("no-hash"), help: "Do not hash weight files and other files over 16 MiB (small files are always hashed).")
    var noHash = false

    /// The same target options as `trustmark rate` (issue 14: `check`, `attest` and `badge` refused --offline and
    /// --evidence), and the same errors for options that do not apply.
    func request() throws -> RatingRequest {
        if let evidence {
            guard target == nil else { throw InputError(message: "give either a target or --evidence, not both") }
            guard revision == nil else { throw InputError(message: "--revision does not apply to --evidence (the evidence holds one revision)") }
            return RatingRequest(.evidence(URL(fileURLWithPath: evidence)))
        }
        guard let target else { throw InputError(message: "missing target: org/name, a folder or a file (or --evidence DIR)") }
        return RatingRequest(.target(target), revision: revision, offline: offline, hashLargeFiles: !noHash)
    }

    /// The complete rating of the target, or its one-line failure as an input error.
    func rate() throws -> RatingRecord {
        let request = try request()
        do {
            return try RatingPipeline().rate(request)
        } catch {
            throw InputError(message: error.description)
        }
    }
}

/// `trustmark keygen`: an Ed25519 key pair for signing ratings.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", _superCommandName: "trustmark",
        abstract: "Create an Ed25519 key pair for `trustmark attest` (PREFIX.key and PREFIX.pub).")

    @Option(help: "Path prefix for the two files.")
    var out = "trustmark"

    func run() throws {
        let key = SigningKey()
        let privatePath = out + ".key", publicPath = out + ".pub"
        guard !FileManager.default.fileExists(atPath: privatePath) else { throw InputError(message: "\(privatePath) exists; not overwritten") }
        guard FileManager.default.createFile(atPath: privatePath, contents: Data(key.privatePEM.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw InputError(message: "\(privatePath): cannot be written")
        }
        try key.publicPEM.write(toFile: publicPath, atomically: true, encoding: .utf8)
        Console.out(["\(privatePath) (keep it secret)", publicPath, "key id \(key.keyID)"])
    }
}

/// `trustmark attest <target> --key KEY`: rate, then write the rating as a signed in-toto statement (DSSE).
struct AttestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest", _superCommandName: "trustmark",
        abstract: "Rate a model and write the rating as an in-toto Statement v1 in a DSSE envelope, signed with Ed25519.",
        discussion: "The subject is the model with the SHA-256 over all its file digests and its commit; the predicate is the rating JSON.")

    @OptionGroup var model: TargetOptions

    @Option(help: "The private key from `trustmark keygen`.")
    var key: String

    @Option(name: .shortAndLong, help: "Write the envelope here instead of standard output.")
    var output: String?

    func run() throws {
        let pem = try InputFile.text(key, limit: InputFile.keyLimit)
        do {
            let signingKey = try SigningKey(pem: pem)
            let statement = try DSSEAttestation.statement(record: try model.rate())
            let envelope = try DSSEAttestation.sign(statement: statement, key: signingKey) + "\n"
            if let output { try envelope.write(toFile: output, atomically: true, encoding: .utf8) } else { print(envelope, terminator: "") }
        } catch let error as AttestationError {
            throw InputError(message: error.description)
        }
    }
}

/// `trustmark verify <attestation> --key PUB [--target T]`: the signature, then (given the model) its digests.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", _superCommandName: "trustmark",
        abstract: "Verify a signed rating: the signature with the public key, and with --target that the model's files still match.",
        discussion: "Exit status: 0 verified; 1 the signature or the model does not match (with the reason); 2 unreadable input.")

    @Argument(help: "The attestation (DSSE envelope) written by `trustmark attest`.")
    var attestation: String

    @Option(help: "The public key from `trustmark keygen`.")
    var key: String

    @Option(help: "The model to check against the attested digests.")
    var target: String?

    @Option(help: "Revision for Hub and cache targets.")
    var revision: String?

    func run() throws {
        let text = try InputFile.text(attestation, limit: InputFile.attestationLimit)
        let pem = try InputFile.text(key, limit: InputFile.keyLimit)
        let verified: DSSEAttestation.Verified
        do {
            verified = try DSSEAttestation.verify(envelope: text, publicKey: try SigningKey.publicKey(pem: pem))
        } catch AttestationError.badKey(let why) {
            throw InputError(message: "\(key): \(why)")
        } catch {
            Console.error("\(attestation): \(error)")
            throw ExitCode(ExitStatus.gateFailed)
        }
        var lines = [
            "signature: valid (key \(verified.keyID.prefix(16))…)",
            "subject: \(verified.subjectName) sha256:\(verified.subjectDigest["sha256"] ?? "?")",
        ]
        // What was attested, not only that it was signed: an F-unsafe rating verifies too, and must say so.
        if let record = try? RatingRecord.read(json: Data(verified.ratingJSON.utf8)) {
            let rating = record.rating
            let gates = rating.gates.filter(\.triggered).map(\.gate.rawValue)
            lines.append(
                "rating: \(rating.label) (score \(rating.score)) under \(rating.methodology.name)"
                    + (gates.isEmpty ? "" : "; gates: " + gates.joined(separator: ", ")))
        } else {
            lines.append("rating: the attested rating could not be read by this build")
        }
        if let target {
            let snapshot: Snapshot
            do {
                snapshot = try RatingPipeline().load(.target(target, revision: revision))
            } catch {
                throw InputError(message: String(describing: error))
            }
            let digest = snapshot.subject.digest.map { String($0.dropFirst("sha256:".count)) }
            guard let digest, digest == verified.subjectDigest["sha256"] else {
                let changed = AttestedFiles.changed(snapshot, attestedRating: verified.ratingJSON)
                Console.error(
                    "\(target): "
                        + AttestationError.subject(
                            "the files' root digest is \(digest ?? "missing (a file could not be hashed)"), the attestation says \(verified.subjectDigest["sha256"] ?? "?")"
                                + (changed.isEmpty ? "" : "; changed: " + changed.joined(separator: ", "))
                        ).description)
                throw ExitCode(ExitStatus.gateFailed)
            }
            if let commit = verified.subjectDigest["gitCommit"], let revision = snapshot.subject.revision, commit != revision {
                Console.error("\(target): commit \(revision) is not the attested \(commit)")
                throw ExitCode(ExitStatus.gateFailed)
            }
            lines.append("model: every file matches (\(snapshot.files.count) files)")
        }
        Console.out(lines)
    }
}
