import Foundation
import HW1Plotting

extension SoftmaxGradientDemonstration {
    /// The figure's file name in `language`: `softmax-cross-entropy-graph.svg`, `…-fa.svg`.
    public static func graphFileName(_ language: ChartLanguage) -> String {
        language == .persian ? "softmax-cross-entropy-graph-fa.svg" : "softmax-cross-entropy-graph.svg"
    }

    /// The computational graph of h = Wᵀx, u = W′ᵀh, ŷ = softmax(u), L = −yᵀ log ŷ: forward
    /// edges carry their local gradient (blue), and under each node the gradient of L that the
    /// backward pass accumulates there (red). The graph runs left to right in both languages
    /// (as its formulas do); only the words are translated.
    public static func graphDiagram(language: ChartLanguage) -> Diagram {
        let persian = language == .persian
        var diagram = Diagram(width: 960, height: 410, language: language)
        let black = ChartColor(hex: "#222222"), blue = ChartColor(hex: "#1f5fa8"), red = ChartColor(hex: "#c0392b")
        let nodeFill = ChartColor(hex: "#f4f4f4"), parameterFill = ChartColor(hex: "#fff3dc")

        diagram.text(
            persian ? "گراف محاسباتی سافت‌مکس با آنتروپی متقاطع و گرادیان‌های محلی روی یال‌ها"
                : "Computational graph of softmax with cross-entropy, local gradients on the edges",
            at: DiagramPoint(480, 30), size: 16, alignment: .centre, bold: true)

        struct Node { var centre: DiagramPoint; var width: Double; var label: String; var parameter: Bool }
        let chainY = 215.0, parameterY = 85.0, height = 38.0
        let x = Node(centre: DiagramPoint(50, chainY), width: 50, label: "x", parameter: false)
        let h = Node(centre: DiagramPoint(230, chainY), width: 110, label: "h = Wᵀx", parameter: false)
        let u = Node(centre: DiagramPoint(440, chainY), width: 110, label: "u = W′ᵀh", parameter: false)
        let p = Node(centre: DiagramPoint(660, chainY), width: 140, label: "ŷ = softmax(u)", parameter: false)
        let loss = Node(centre: DiagramPoint(870, chainY), width: 140, label: "L = −yᵀ log ŷ", parameter: false)
        let w = Node(centre: DiagramPoint(230, parameterY), width: 54, label: "W", parameter: true)
        let w2 = Node(centre: DiagramPoint(440, parameterY), width: 54, label: "W′", parameter: true)
        let y = Node(centre: DiagramPoint(870, parameterY), width: 54, label: "y", parameter: false)
        for node in [x, h, u, p, loss, w, w2, y] {
            diagram.rectangle(
                origin: DiagramPoint(node.centre.x - node.width / 2, node.centre.y - height / 2), width: node.width,
                height: height, fill: node.parameter ? parameterFill : nodeFill, stroke: ChartColor(hex: "#666666"),
                strokeWidth: 1.2, cornerRadius: 7)
            diagram.text(node.label, at: DiagramPoint(node.centre.x, node.centre.y + 5), size: 14, alignment: .centre, words: false)
        }

        // Forward edges along the chain, local gradient above, backward edge below.
        let chain: [(Node, Node, [String])] = [
            (x, h, ["∂h/∂x", "= Wᵀ"]),
            (h, u, ["∂u/∂h", "= W′ᵀ"]),
            (u, p, ["∂ŷ/∂u =", "diag(ŷ) − ŷŷᵀ"]),
            (p, loss, ["∂L/∂ŷᵢ", "= −yᵢ/ŷᵢ"]),
        ]
        for (tail, head, local) in chain {
            let start = tail.centre.x + tail.width / 2, end = head.centre.x - head.width / 2
            diagram.line(from: DiagramPoint(start, chainY - 8), to: DiagramPoint(end, chainY - 8), color: black, width: 1.6, arrow: true)
            if tail.label != "x" {
                diagram.line(from: DiagramPoint(end, chainY + 10), to: DiagramPoint(start, chainY + 10), color: red, width: 1.4, dashed: true, arrow: true)
            }
            for (index, line) in local.enumerated() {
                diagram.text(line, at: DiagramPoint((start + end) / 2, chainY - 40 + Double(index) * 16), size: 12.5,
                    alignment: .centre, color: blue, words: false)
            }
        }
        // Parameter and target edges, local gradient beside them.
        let vertical: [(Node, Node, String, String?)] = [
            (w, h, "∂hₐ/∂Wᵣₐ = xᵣ", "∂L/∂W = x(W′δ)ᵀ"),
            (w2, u, "∂uⱼ/∂W′ₐⱼ = hₐ", "∂L/∂W′ = hδᵀ"),
            (y, loss, "", nil),
        ]
        for (tail, head, local, accumulated) in vertical {
            diagram.line(
                from: DiagramPoint(tail.centre.x, tail.centre.y + height / 2), to: DiagramPoint(head.centre.x, head.centre.y - height / 2),
                color: black, width: 1.6, arrow: true)
            if !local.isEmpty {
                diagram.text(local, at: DiagramPoint(tail.centre.x + 8, (tail.centre.y + head.centre.y) / 2 - 8), size: 12.5,
                    color: blue, words: false)
            }
            if let accumulated {
                diagram.text(accumulated, at: DiagramPoint(tail.centre.x + tail.width / 2 + 8, tail.centre.y + 5), size: 12.5,
                    color: red, words: false)
            }
        }
        // What the backward pass holds at each node of the chain.
        let below: [(Node, String)] = [
            (h, "∂L/∂h = W′δ"), (u, "δ = ∂L/∂u = ŷ − y"), (p, "∂L/∂ŷ = −y ⊘ ŷ"), (loss, "∂L/∂L = 1"),
        ]
        for (node, text) in below {
            diagram.text(text, at: DiagramPoint(node.centre.x, chainY + height / 2 + 24), size: 12.5, alignment: .centre,
                color: red, words: false)
        }

        // Key.
        let keyLeft = persian ? 900.0 : 60.0
        let rows: [(ChartColor, Bool, String)] = [
            (black, false, persian ? "گذر رو به جلو: هر گره از گره‌های ورودی‌اش حساب می‌شود" : "forward pass: each node is computed from the nodes pointing into it"),
            (blue, false, persian ? "آبی: گرادیان محلی یال، مشتق سرِ یال نسبت به دُمِ آن" : "blue: the edge's local gradient, the derivative of its head with respect to its tail"),
            (red, true, persian ? "قرمز: گذر رو به عقب؛ گرادیان L در هر گره، حاصل‌ضرب گرادیان‌های محلی در مسیر از L تا آن گره" : "red: backward pass; the gradient of L at each node, the product of the local gradients on the path from L"),
        ]
        for (index, row) in rows.enumerated() {
            let rowY = 320 + Double(index) * 26
            let markStart = persian ? keyLeft - 30 : keyLeft, markEnd = persian ? keyLeft : keyLeft + 30
            if row.0 == blue {
                diagram.text("∂", at: DiagramPoint((markStart + markEnd) / 2, rowY + 1), size: 15, alignment: .centre,
                    color: blue, words: false)
            } else {
                // The marks point as in the graph, which runs left to right in both languages.
                diagram.line(
                    from: DiagramPoint(row.1 ? markEnd : markStart, rowY - 4), to: DiagramPoint(row.1 ? markStart : markEnd, rowY - 4),
                    color: row.0, width: 1.6, dashed: row.1, arrow: true)
            }
            diagram.text(row.2, at: DiagramPoint(persian ? keyLeft - 40 : keyLeft + 40, rowY), size: 12.5,
                alignment: persian ? .right : .left, color: row.0 == blue ? blue : black)
        }
        return diagram
    }

    /// The figure in English and in Persian.
    static func graphFigures() -> [DemonstrationFigure] {
        ChartLanguage.allCases.map { DemonstrationFigure(fileName: graphFileName($0), svg: graphDiagram(language: $0).svg()) }
    }
}
