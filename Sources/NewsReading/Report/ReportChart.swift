import Foundation

/// Bar charts for the corpus report, drawn as inline SVG: readable without JavaScript, with a
/// `<title>` a screen reader announces, every bar labelled with its name and value in text
/// (colour is never the only cue), and the same bytes for the same numbers.
enum ReportChart {
    /// One bar: its label, its value, and whether it is drawn as the unresolved share.
    struct Bar {
        var label: String
        var value: Int
        var isUnresolved = false
    }

    private static let labelWidth = 230, barWidth = 340, rowHeight = 24

    /// Horizontal bars, largest value full width, each with its value and, when `total` is
    /// given, its share of it.
    static func horizontal(_ bars: [Bar], title: String, id: String, total: Int? = nil) -> String {
        guard !bars.isEmpty else { return "<p class=\"empty\">\(title.markupEscaped): nothing to count.</p>\n" }
        let height = bars.count * rowHeight + 8
        let width = labelWidth + barWidth + 120
        let largest = max(bars.map(\.value).max() ?? 1, 1)
        var svg = "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        svg += "<title id=\"\(id)-title\">\(title.markupEscaped)</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = bar.value == 0 ? 0 : max(1, Int((Double(bar.value) / Double(largest) * Double(barWidth)).rounded()))
            let value = total.map { "\(bar.value) (\(percent(bar.value, of: $0)))" } ?? String(bar.value)
            svg += "<g class=\"bar\(bar.isUnresolved ? " unresolved" : "")\">"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(shortened(bar.label).markupEscaped)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"16\"><title>\("\(bar.label): \(value)".markupEscaped)</title></rect>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 15)\">\(value.markupEscaped)</text></g>"
        }
        return svg + "</svg><figcaption>\(title.markupEscaped)</figcaption></figure>\n"
    }

    /// Vertical bars over time, one column per month, the unresolved part of each stacked on
    /// top in the unresolved colour and pattern.
    static func columns(_ bars: [(label: String, value: Int, unresolved: Int)], title: String, id: String) -> String {
        guard !bars.isEmpty else { return "<p class=\"empty\">\(title.markupEscaped): nothing to count.</p>\n" }
        let step = 34, chartHeight = 160, top = 20, bottom = 64, left = 48
        let width = left + bars.count * step + 8
        let height = top + chartHeight + bottom
        let largest = max(bars.map(\.value).max() ?? 1, 1)
        var svg = "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        svg += "<title id=\"\(id)-title\">\(title.markupEscaped)</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + chartHeight)\" x2=\"\(width - 8)\" y2=\"\(top + chartHeight)\" class=\"axis\"/>"
        for (index, bar) in bars.enumerated() {
            let x = left + index * step + 4
            let total = Int((Double(bar.value) / Double(largest) * Double(chartHeight)).rounded())
            let open = Int((Double(bar.unresolved) / Double(largest) * Double(chartHeight)).rounded())
            let caption = "\(bar.label): \(bar.value)" + (bar.unresolved > 0 ? ", \(bar.unresolved) unresolved" : "")
            svg += "<g class=\"bar\"><rect x=\"\(x)\" y=\"\(top + chartHeight - total + open)\" width=\"26\" height=\"\(total - open)\"><title>\(caption.markupEscaped)</title></rect>"
            if open > 0 {
                svg += "<rect class=\"unresolved\" x=\"\(x)\" y=\"\(top + chartHeight - total)\" width=\"26\" height=\"\(open)\"><title>\(caption.markupEscaped)</title></rect>"
            }
            svg += "<text x=\"\(x + 13)\" y=\"\(top + chartHeight - total - 4)\" text-anchor=\"middle\" class=\"value\">\(bar.value)</text>"
            let labelY = top + chartHeight + 12
            svg += "<text x=\"\(x + 13)\" y=\"\(labelY)\" text-anchor=\"end\" transform=\"rotate(-55 \(x + 13) \(labelY))\">\(shortened(bar.label).markupEscaped)</text></g>"
        }
        return svg + "</svg><figcaption>\(title.markupEscaped)</figcaption></figure>\n"
    }

    /// A share as a percentage with one decimal: `12.5%`; `0%` of nothing.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", Double(part) / Double(whole) * 100)
    }

    /// A label cut to 34 characters, with an ellipsis; the full one is in the bar's title.
    private static func shortened(_ label: String) -> String {
        label.count > 34 ? String(label.prefix(33)) + "…" : label
    }

    /// The charts' stylesheet: Okabe–Ito blue bars, the unresolved share vermillion and
    /// hatched, so that it stands out without colour too.
    static let style = """

    figure.chart { margin: .5rem 0 1.2rem; overflow-x: auto; }
    figure.chart svg { font: 13px system-ui, "DejaVu Sans", sans-serif; max-width: 100%; height: auto; }
    figure.chart figcaption { font-size: .85rem; color: var(--muted); }
    figure.chart rect { fill: var(--blue); }
    figure.chart g.unresolved rect, figure.chart rect.unresolved { fill: var(--vermillion); stroke: #000; stroke-dasharray: 3 2; }
    figure.chart g.unresolved text { font-weight: 700; }
    figure.chart text { fill: var(--ink); }
    figure.chart .axis { stroke: var(--muted); }
    """
}
