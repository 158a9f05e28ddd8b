import TrustmarkCore

/// The header of a safetensors file: `u64 LE N`, then N bytes of JSON describing each tensor.
public struct SafetensorsHeader: Sendable, Equatable {
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var dtype: String
        public var shape: [UInt64]
        /// Offsets into the data buffer that starts right after the header.
        public var begin: UInt64
        public var end: UInt64
        /// Number of elements, `nil` if the shape's product overflows.
        public var elementCount: UInt64?
    }

    public var headerLength: UInt64
    public var tensors: [Tensor]
    public var metadata: [String: String]
    /// Rule violations. A fatal one means the reference loader refuses the file.
    public var problems: [FormatProblem]

    /// Bytes before the data buffer.
    public var dataStart: UInt64 { 8 + headerLength }
}
