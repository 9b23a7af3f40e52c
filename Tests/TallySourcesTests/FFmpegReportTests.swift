import Testing
import TallyCore
@testable import TallySources

/// ffmpeg's log as the checks read it: the last loudness line, the RMS level, the CPU, and
/// silence's `-inf`; numbers out of range or unreadable are refused, never trusted.
struct FFmpegReportTests {
    @Test func theLastLoudnessLineAndTheLevelAreRead() {
        let log = """
            [Parsed_ebur128_0 @ 0x5601] t: 0.899977   TARGET:-23 LUFS    M: -24.0 S:-120.7     I: -24.0 LUFS       LRA:   0.0 LU  FTPK: -17.9 dBFS  TPK: -17.5 dBFS
            [Parsed_ebur128_0 @ 0x5601] t: 1.99998    TARGET:-23 LUFS    M: -21.1 S:-120.7     I: -21.1 LUFS       LRA:   0.0 LU  FTPK: -17.8 dBFS  TPK: -17.3 dBFS
            [Parsed_ebur128_0 @ 0x5601] Summary:
            [Parsed_astats_1 @ 0x5602] RMS level dB: -21.137984
            """
        let report = FFmpegReport.parse(Substring(log))
        #expect(report.audio == ContentChecked.Audio(rms: -21.137984, momentary: -21.1, shortTerm: nil, truePeak: -17.3))
    }

    @Test func silenceIsTheFloorAndNoAudioIsNone() {
        let silent = FFmpegReport.parse("t: 1.9 TARGET:-23 LUFS M:-163.5 S:-120.7 I: -70.0 LUFS TPK:  -inf  -inf dBFS\nRMS level dB: -inf\n")
        #expect(silent.audio == ContentChecked.Audio(rms: ContentChecked.floorDB, momentary: nil, shortTerm: nil, truePeak: ContentChecked.floorDB))
        #expect(FFmpegReport.parse("frame=1 fps=0.0\n").audio == nil)
    }

    @Test func hostileNumbersAreClampedOrRefused() {
        let report = FFmpegReport.parse(" M: nan S: 99999 TPK: inf\nRMS level dB: -20\n")
        #expect(report.audio == ContentChecked.Audio(rms: -20, momentary: nil, shortTerm: 30, truePeak: nil), "NaN and inf unread, 99999 clamped")
        #expect(FFmpegReport.parse("RMS level dB: banana\n").audio == nil)
        let clamped = FFmpegReport.parse("RMS level dB: 1e308\n")
        #expect(clamped.audio?.rms == 30)
    }
}
