import Foundation
import Testing

/// Locates the built `sift` executable next to the test bundle.
func siftExecutable() -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("sift")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/sift")
}

/// The package's root folder (for `Examples/`).
func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// What one run of the executable did.
struct SiftRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `sift` with `arguments`, feeding `input` on stdin (a pipe, so never the REPL), in `directory`.
func runSift(_ arguments: [String], input: String = "", directory: URL = packageRoot(),
             environment: [String: String] = [:]) throws -> SiftRun {
    let process = Process()
    process.executableURL = siftExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = FileManager.default.temporaryDirectory.path
    env.removeValue(forKey: "NO_COLOR")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Read both pipes at once so a chatty child cannot block on a full pipe.
    let errors = DataBox()
    let errorHandle = stderr.fileHandleForReading
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errors.set(errorHandle.readDataToEndOfFile()) }
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return SiftRun(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                   stderr: String(decoding: errors.get(), as: UTF8.self))
}

/// Bytes handed from a reader thread to the test.
private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}

@Suite struct CLISmokeTests {
    @Test func executableExists() {
        #expect(FileManager.default.isExecutableFile(atPath: siftExecutable().path))
    }
}
