import ArgumentParser
import Foundation
import Frameworks
import ModelRepository
import Reports
import TrustmarkCore

/// The model a command rates: the same targets as `trustmark rate`.
struct TargetOptions: ParsableArguments {
    @Argument(help: "A folder, cache entry, org/name on the Hub, or weights file.")
    var target: String

    @Option(help: "Revision for Hub and cache targets.")
    var revision: String?

    func rate() throws -> (Rating, Snapshot) { try RatedTarget.rate(target, revision: revision) }
}

/// `trustmark keygen`: an Ed25519 key pair for signing ratings.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keygen", abstract: "Create an Ed25519 key pair for `trustmark attest` (PREFIX.key and PREFIX.pub).")

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
        commandName: "attest",
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
            let (rating, snapshot) = try model.rate()
            let statement = try DSSEAttestation.statement(ratingJSON: try JSONReport.render(rating, snapshot: snapshot), rating: rating)
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
        commandName: "verify",
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
        var lines = ["signature: valid (key \(verified.keyID.prefix(16))…)", "subject: \(verified.subjectName) sha256:\(verified.subjectDigest["sha256"] ?? "?")"]
        if let target {
            let snapshot = try RatedTarget.load(target, revision: revision)
            let digest = snapshot.subject.digest.map { String($0.dropFirst("sha256:".count)) }
            guard let digest, digest == verified.subjectDigest["sha256"] else {
                let changed = RatedTarget.changedFiles(snapshot, attestedRating: verified.ratingJSON)
                Console.error("\(target): " + AttestationError.subject(
                    "the files' root digest is \(digest ?? "missing (a file could not be hashed)"), the attestation says \(verified.subjectDigest["sha256"] ?? "?")"
                        + (changed.isEmpty ? "" : "; changed: " + changed.joined(separator: ", "))).description)
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

/// Target loading and rating shared by `attest`, `verify` and `check` (the same resolution as `rate`).
enum RatedTarget {
    static func load(_ target: String, revision: String?) throws -> Snapshot {
        do {
            if let remote = try TargetResolution.remote(target, revision: revision, offline: false) {
                return SnapshotLoader().load(remote)
            }
            return try SnapshotLoader().load(try TargetResolution.local(target, revision: revision))
        } catch let error as HubError {
            throw InputError(message: error.description)
        } catch let error as RepositoryError {
            throw InputError(message: error.description)
        }
    }

    static func rate(_ target: String, revision: String?) throws -> (Rating, Snapshot) {
        let snapshot = try load(target, revision: revision)
        var rating = RatingEngine().rate(snapshot)
        rating.frameworks = FrameworkLabels.compute(rating: rating, snapshot: snapshot)
        return (rating, snapshot)
    }

    /// Files whose digest differs from the attested rating's file list, or that appeared or went away.
    static func changedFiles(_ snapshot: Snapshot, attestedRating json: String) -> [String] {
        guard let rating = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], let files = rating["files"] as? [[String: Any]] else { return [] }
        let attested = Dictionary(files.compactMap { file -> (String, String)? in
            guard let path = file["path"] as? String else { return nil }
            return (path, file["sha256"] as? String ?? "")
        }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(snapshot.files.map { ($0.path, $0.sha256 ?? "") }, uniquingKeysWith: { first, _ in first })
        return Set(attested.keys).union(current.keys).sorted().filter { attested[$0] != current[$0] }.prefix(10).map { $0 }
    }
}
