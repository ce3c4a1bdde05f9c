/// The version `sift --version` prints.
enum SiftVersion {
    static let string = "0.1.0"
}
