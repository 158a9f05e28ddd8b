import Foundation
import ModelRepository

/// How a command-line target becomes something to load, for every command that rates one: a local path; a
/// repository on the Hugging Face Hub or ModelScope read over the network; or, offline, the same repository
/// from the platform's local cache.
public enum TargetResolution {
    public static func isLocal(_ target: String) -> Bool {
        FileManager.default.fileExists(atPath: (target as NSString).expandingTildeInPath)
    }

    /// The remote repository to read, or nil when the target is a local path or the network is off.
    public static func remote(_ target: String, revision: String?, offline: Bool) throws -> HubRepository? {
        guard !isLocal(target), let reference = HubReference.parse(target, revision: revision) else { return nil }
        switch reference.platform {
        case .huggingFace:
            let configuration = HubConfiguration.fromEnvironment()
            guard !(offline || configuration.offline) else { return nil }
            return try HubRepository.fetch(reference, client: HubClient(configuration: configuration))
        case .modelScope:
            let configuration = HubConfiguration.modelScopeFromEnvironment()
            guard !(offline || configuration.offline) else { return nil }
            return try HubRepository.fetch(modelScope: reference, client: ModelScopeClient(configuration: configuration))
        }
    }

    /// A local path, or a Hub or ModelScope repository looked up in its local cache.
    public static func local(_ target: String, revision: String?) throws -> RepositoryTarget {
        if isLocal(target) { return try RepositoryTarget.resolve(target, revision: revision) }
        guard let reference = HubReference.parse(target) else { return try RepositoryTarget.resolve(target, revision: revision) }
        // A revision is asked for only when given; otherwise the cache's own (its `main` ref, or what ModelScope cached).
        let asked = revision ?? (reference.revision != reference.platform.defaultRevision ? reference.revision : nil)
        switch reference.platform {
        case .huggingFace:
            return try RepositoryTarget.resolve(reference.repository + (asked.map { "@" + $0 } ?? ""), revision: nil)
        case .modelScope:
            return try ModelScopeCache.resolve(reference.repository, revision: asked)
        }
    }
}
