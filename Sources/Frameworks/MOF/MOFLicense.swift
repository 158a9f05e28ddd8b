/// Whether the Model Openness Tool counts a licence as open (`LicenseHandler.php`): an SPDX id the
/// SPDX License List marks OSI-approved or FSF-libre, one of its open-data licences, or OpenMDW-1.0.
/// Anything else — names that are not SPDX ids, CC-BY-NC-* — is not open.
public enum MOFLicense {
    static let openData: Set<String> = [
        "CC0-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-2.5-AU", "CC-BY-3.0", "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE",
        "CC-BY-3.0-IGO", "CC-BY-3.0-NL", "CC-BY-3.0-US", "CC-BY-4.0", "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP",
        "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0", "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
        "ODC-PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "GFDL-1.3", "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0",
    ]

    public static func isOpen(_ id: String) -> Bool {
        SPDXLicenseFlags.osiApproved.contains(id) || SPDXLicenseFlags.fsfLibre.contains(id) || openData.contains(id) || id == "OpenMDW-1.0"
    }

    /// The licences the tool considers appropriate for each content type; an open licence of another
    /// type only draws a warning (it still counts).
    static let appropriate: [MOFComponent.ContentType: Set<String>] = [
        .code: [
            "0BSD", "AFL-1.1", "AFL-1.2", "AFL-2.0", "AFL-2.1", "AFL-3.0", "Apache-1.0", "Apache-1.1", "Apache-2.0", "ECL-1.0", "ECL-2.0", "ISC",
            "MIT", "MIT-0", "MulanPSL-1.0", "MulanPSL-2.0", "NCSA", "UPL-1.0", "OpenMDW-1.0",
        ],
        .data: ["CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "C-UDA-1.0", "PDDL-1.0", "OpenMDW-1.0"],
        .document: ["CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "FreeBSD-DOC", "CC-PDDC", "CC0-1.0", "Apache-2.0", "OpenMDW-1.0"],
    ]

    public static func isAppropriate(_ id: String, for type: MOFComponent.ContentType) -> Bool { appropriate[type]?.contains(id) ?? false }
}
