import CTripactZlib
import Foundation
import NIOCore
import TripactAPI

/// gzip (RFC 1952) through the system zlib, for the large cached pages: an export of 200 KB travels as about 30 KB
/// to every browser, all of which send `Accept-Encoding: gzip`.
enum Gzip {
    static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        // 15 window bits + 16 asks zlib for the gzip wrapper instead of the zlib one.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Whether the request's `Accept-Encoding` allows gzip (and does not refuse it with `q=0`).
    static func accepted(_ header: String?) -> Bool { HeaderWords.allowsGzip(header) }
}

/// A gzip member assembled per response from fixed pieces compressed once and short texts that differ per response
/// (a user's name, a CSRF token), which go in uncompressed as stored blocks. Each piece ends byte-aligned, so a stored
/// block can follow it; the checksum is combined from the pieces' own (zlib's `crc32_combine_op`), so a response costs a
/// copy of the compressed bytes, not a deflate.
///
/// What a piece may refer back to: the compressor's window before each piece is set (`deflateSetDictionary`, which raw
/// deflate allows after a flush) to the text the reader will have decoded, with each insert of known length replaced by
/// as many 0xFF bytes. UTF-8 text never contains 0xFF, so no match can touch an insert, and every distance stays true
/// whatever the insert holds. An insert of unknown length (the user's name) leaves nothing behind it to refer to.
struct GzipTemplate: Sendable {
    private struct Piece: Sendable {
        let deflated: [UInt8]
        let crc: UInt
        let length: Int
        /// zlib's operator that appends a CRC over `length` bytes to a running CRC.
        let combine: UInt
    }

    private let pieces: [Piece]
    /// The byte count each insert must have, where the pieces after it were compressed knowing it.
    private let insertLengths: [Int?]
    private let compressedSize: Int
    private static let window = 32 * 1024

    /// Compresses `fixed`; the responses insert one text between each two consecutive pieces, of `insertLengths[i]`
    /// bytes where that is given.
    init?(fixed: [[UInt8]], insertLengths: [Int?], level: Int32 = 6) {
        precondition(insertLengths.count == fixed.count - 1, "one insert between each two pieces")
        var stream = z_stream()
        // Negative window bits: raw deflate, as the gzip wrapper is written here, around pieces and inserts alike.
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var pieces: [Piece] = []
        // The last window's worth of what the reader will have decoded, inserts of known length as 0xFF.
        var history: [UInt8] = []
        for (index, text) in fixed.enumerated() {
            if index > 0 {
                if let length = insertLengths[index - 1] {
                    history.append(contentsOf: repeatElement(0xFF, count: length))
                } else {
                    history.removeAll()
                }
                // A full window, padded in front with 0xFF, so zlib replaces its history instead of adding to it.
                let dictionary = [UInt8](repeating: 0xFF, count: max(0, Self.window - history.count)) + history.suffix(Self.window)
                guard deflateSetDictionary(&stream, dictionary, uInt(dictionary.count)) == Z_OK else { return nil }
            }
            guard let deflated = Self.deflateFlushed(text, stream: &stream) else { return nil }
            history.append(contentsOf: text)
            if history.count > 2 * Self.window { history.removeFirst(history.count - Self.window) }
            let crc = text.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            pieces.append(Piece(deflated: deflated, crc: crc, length: text.count, combine: crc32_combine_gen(off_t(text.count))))
        }
        self.pieces = pieces
        self.insertLengths = insertLengths
        compressedSize = pieces.reduce(0) { $0 + $1.deflated.count }
    }

    private static func deflateFlushed(_ input: [UInt8], stream: inout z_stream) -> [UInt8]? {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            // A sync flush ends byte-aligned with all input consumed; repeat while it fills the whole chunk.
            repeat {
                chunk.withUnsafeMutableBufferPointer { destination in
                    stream.next_out = destination.baseAddress
                    stream.avail_out = uInt(destination.count)
                    status = deflate(&stream, Z_SYNC_FLUSH)
                    output.append(contentsOf: destination.prefix(destination.count - Int(stream.avail_out)))
                }
            } while status == Z_OK && stream.avail_out == 0
            stream.next_in = nil
        }
        return (status == Z_OK || status == Z_BUF_ERROR) && stream.avail_in == 0 ? output : nil
    }

    /// Writes the gzip member for the pieces with `inserts[i]` between piece i and piece i + 1; false (and nothing
    /// written) when an insert's length is not the one its following piece was compressed for.
    func write(inserting inserts: [[UInt8]], into buffer: inout ByteBuffer) -> Bool {
        guard inserts.count == insertLengths.count,
            zip(inserts, insertLengths).allSatisfy({ insert, length in length.map { $0 == insert.count } ?? true })
        else { return false }
        buffer.reserveCapacity(buffer.writerIndex + 18 + compressedSize + inserts.reduce(0) { $0 + $1.count + 5 })
        // Magic, deflate, no flags, no time, no extra flags, Unix.
        buffer.writeBytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
        var crc: UInt = 0
        var length = 0
        for (index, piece) in pieces.enumerated() {
            buffer.writeBytes(piece.deflated)
            crc = crc32_combine_op(crc, piece.crc, piece.combine)
            length += piece.length
            guard index < inserts.count else { continue }
            let insert = inserts[index]
            Self.writeStored(insert, into: &buffer)
            crc = insert.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
            length += insert.count
        }
        // The last block: empty, fixed Huffman codes, final bit set (what zlib writes on finishing an empty input).
        buffer.writeBytes([0x03, 0x00])
        buffer.writeInteger(UInt32(truncatingIfNeeded: crc), endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return true
    }

    /// Stored (uncompressed) blocks, at most 65,535 bytes each; the stream is byte-aligned after every piece.
    private static func writeStored(_ bytes: [UInt8], into buffer: inout ByteBuffer) {
        var start = 0
        while start < bytes.count {
            let count = min(bytes.count - start, 65_535)
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt16(count), endianness: .little)
            buffer.writeInteger(~UInt16(count), endianness: .little)
            buffer.writeBytes(bytes[start..<start + count])
            start += count
        }
    }
}
