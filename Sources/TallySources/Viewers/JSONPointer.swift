import Foundation

/// Finds a number in a JSON document by an RFC 6901 pointer (`/audience/concurrent`).
public enum JSONPointer {
    public static func number(in data: [UInt8], at pointer: String) -> Double? {
        guard var node = try? JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed]) else { return nil }
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = node as? [String: Any], let next = object[token] {
                node = next
            } else if let array = node as? [Any], let index = Int(token), array.indices.contains(index) {
                node = array[index]
            } else {
                return nil
            }
        }
        if node is Bool { return nil }
        if let number = node as? Double { return number }
        if let number = node as? Int { return Double(number) }
        return (node as? String).flatMap(Double.init)
    }
}
