/// A model as the Model Openness Tool describes it (`models/*.yml`, `schema/mof_schema.json`): release
/// licences by content type and the components it releases, each with an optional licence of its own.
public struct MOFModel: Sendable, Equatable {
    public struct Component: Sendable, Equatable {
        public var component: MOFComponent
        /// The component's own licence; `""` means explicitly unlicensed (no fallback), nil means "use the release's".
        public var license: String?
        public var description: String?

        public init(_ component: MOFComponent, license: String? = nil, description: String? = nil) {
            self.component = component
            self.license = license
            self.description = description
        }
    }

    public var name: String
    public var producer: String
    public var version: String?
    public var date: String?
    public var type: String?
    public var architecture: String?
    public var repository: String?
    public var huggingface: String?
    /// `release.license.<distribution|code|data|document>.name`.
    public var licenses: [String: String]
    public var components: [Component]

    public init(name: String, producer: String, licenses: [String: String] = [:], components: [Component] = []) {
        self.name = name
        self.producer = producer
        self.licenses = licenses
        self.components = components
    }
}

/// The outcome of the tool's algorithm for one model.
public struct MOFResult: Sendable, Equatable {
    public enum Status: String, Sendable { case included, invalid, unlicensed, missing }

    /// 3, 2 or 1; 0 when unclassified.
    public var mofClass: Int
    /// Progress towards Class III, II and I, 0-100.
    public var progress: [Int: Double]
    /// Each component's status and the licence it resolved to.
    public var statuses: [MOFComponent: (status: Status, license: String?)]
    /// Open licences of a type the tool does not consider appropriate (a warning, not a failure).
    public var typeWarnings: [MOFComponent]

    public var className: String {
        switch mofClass {
        case 1: return "Class I (Open Science)"
        case 2: return "Class II (Open Tooling)"
        case 3: return "Class III (Open Model)"
        default: return "Unclassified"
        }
    }

    public static func == (lhs: MOFResult, rhs: MOFResult) -> Bool {
        lhs.mofClass == rhs.mofClass && lhs.progress == rhs.progress && lhs.typeWarnings == rhs.typeWarnings
            && lhs.statuses.mapValues(\.status) == rhs.statuses.mapValues(\.status)
    }
}
