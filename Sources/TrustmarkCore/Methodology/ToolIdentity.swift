/// The tool that produced a rating, recorded in every output.
public enum ToolIdentity {
    public static let name = "trustmark"
    public static let version = "0.3.0"
}
