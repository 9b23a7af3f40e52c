import Foundation

/// CPU and memory of a process, from /proc.
enum ProcessStats {
    /// User plus system CPU time of `pid`, in clock ticks (fields 14 and 15 of /proc/PID/stat).
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ") else { return 0 }
        let fields = stat[afterName.upperBound...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    /// The peak resident set of `pid` (VmHWM), in KiB.
    static func peakResidentKB(_ pid: pid_t) -> Int {
        statusField("VmHWM:", pid)
    }

    /// The resident set of `pid` now (VmRSS), in KiB.
    static func residentKB(_ pid: pid_t) -> Int {
        statusField("VmRSS:", pid)
    }

    private static func statusField(_ name: String, _ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return Int(line.split(separator: " ")[1]) ?? 0
    }
}
