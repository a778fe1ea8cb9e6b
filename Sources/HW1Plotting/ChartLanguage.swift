import Foundation

/// The script a chart's words are written in: it decides the text direction, the fonts and the
/// digits of the tick labels. Titles, axis labels and legend names are the caller's strings;
/// the language only sets them the right way round.
public enum ChartLanguage: String, Sendable, CaseIterable {
    /// Left-to-right text in a Latin sans-serif, ASCII digits.
    case english = "en"
    /// Right-to-left text in Noto Sans Arabic (Debian's fonts-noto-core), Persian digits
    /// ۰–۹ with the Persian decimal separator ٫ in tick labels.
    case persian = "fa"

    /// The SVG root's `font-family` list.
    var fontFamily: String {
        switch self {
        case .english: "DejaVu Sans, Helvetica, Arial, sans-serif"
        case .persian: "Noto Sans Arabic, Noto Naskh Arabic, DejaVu Sans, sans-serif"
        }
    }

    /// Whether words are set right to left (`direction="rtl"` on their `<text>` elements).
    var isRightToLeft: Bool { self == .persian }

    /// `text` kept left to right inside right-to-left words (between U+2066 LEFT-TO-RIGHT ISOLATE
    /// and U+2069 POP DIRECTIONAL ISOLATE): after Persian letters the bidi algorithm would
    /// otherwise read `784-128-64-10` as separate numbers and set them in reverse order.
    public func leftToRight(_ text: String) -> String {
        isRightToLeft ? "\u{2066}\(text)\u{2069}" : text
    }

    /// A number as this language writes it: `0.25` → `۰٫۲۵` in Persian; unchanged in English.
    public func digits(_ text: String) -> String {
        guard self == .persian else { return text }
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if let value = character.wholeNumberValue, character.isASCII {
                out.unicodeScalars.append(UnicodeScalar(0x06F0 + value)!)
            } else if character == ".", index > 0, index + 1 < characters.count,
                characters[index - 1].isNumber, characters[index + 1].isNumber
            {
                out.append("\u{066B}")  // ARABIC DECIMAL SEPARATOR
            } else {
                out.append(character)
            }
        }
        return out
    }
}
