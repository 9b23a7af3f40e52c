/// Reads one HTTP/1.1 request from bytes as they arrive: the request line, headers up to
/// 16 KiB, and a body of the declared `Content-Length` up to `bodyCap`. Just enough HTTP for a
/// webhook endpoint; anything else gets a status and a reason, never a hang.
public struct HTTPRequestReader {
    /// A whole request.
    public struct Request: Equatable, Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// What the bytes so far make.
    public enum Outcome: Equatable, Sendable {
        case incomplete
        case request(Request)
        case invalid(status: Int, reason: String)
    }

    static let headerCap = 16 << 10
    let bodyCap: Int
    private var bytes: [UInt8] = []
    private var head: (method: String, path: String, headers: [String: String], bodyStart: Int, length: Int)?

    public init(bodyCap: Int) {
        self.bodyCap = bodyCap
    }

    /// Takes the next bytes of the connection.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> Outcome {
        bytes.append(contentsOf: chunk)
        if head == nil {
            guard let end = headerEnd() else {
                return bytes.count > Self.headerCap ? .invalid(status: 431, reason: "request headers larger than 16 KiB") : .incomplete
            }
            switch parseHead(upTo: end) {
            case .failure(let invalid): return invalid.outcome
            case .success(let parsed): head = parsed
            }
        }
        guard let head else { return .incomplete }
        guard bytes.count - head.bodyStart >= head.length else { return .incomplete }
        return .request(Request(method: head.method, path: head.path, headers: head.headers,
                                body: Array(bytes[head.bodyStart..<(head.bodyStart + head.length)])))
    }

    private func headerEnd() -> Int? {
        let limit = min(bytes.count, Self.headerCap + 4)
        guard limit >= 4 else { return nil }
        for index in 0...(limit - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func parseHead(upTo end: Int) -> Result<(method: String, path: String, headers: [String: String], bodyStart: Int, length: Int), InvalidRequest> {
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .failure(InvalidRequest(status: 400, reason: "not an HTTP/1.1 request line"))
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return .failure(InvalidRequest(status: 400, reason: "malformed header line")) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
        }
        if headers["transfer-encoding"] != nil {
            return .failure(InvalidRequest(status: 411, reason: "chunked bodies are not accepted; send Content-Length"))
        }
        let length: Int
        if let declared = headers["content-length"] {
            guard let value = Int(declared), value >= 0 else { return .failure(InvalidRequest(status: 400, reason: "bad Content-Length")) }
            length = value
        } else {
            length = 0
        }
        guard length <= bodyCap else {
            return .failure(InvalidRequest(status: 413, reason: "body larger than \(bodyCap >> 10) KiB"))
        }
        return .success((String(requestLine[0]), String(requestLine[1]), headers, end + 4, length))
    }

    /// A request refused while reading it.
    struct InvalidRequest: Error {
        var status: Int
        var reason: String
        var outcome: Outcome { .invalid(status: status, reason: reason) }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
