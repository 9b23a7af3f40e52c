/// A complete HTTP/1.1 response with a plain-text or JSON body; the connection closes after it.
enum HTTPResponse {
    static func bytes(status: Int, body: String, contentType: String = "text/plain; charset=utf-8") -> [UInt8] {
        let payload = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(phrase(status))\r\nContent-Type: \(contentType)\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + payload
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        default: "Error"
        }
    }
}
