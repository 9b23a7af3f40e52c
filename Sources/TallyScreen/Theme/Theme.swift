/// A text attribute a theme may ask for.
public enum TextAttribute: String, Sendable, CaseIterable {
    case bold, dim, underline, reverse, italic
}

/// How one style role looks, with its fallbacks for 8 colours and for monochrome.
public struct Style: Sendable, Equatable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var attributes: Set<TextAttribute>
    /// Colours to use instead when the terminal has only 8 (or 16) colours.
    public var foreground8: ThemeColor?
    public var background8: ThemeColor?
    /// Attributes to use instead when the terminal has no colour.
    public var monochrome: Set<TextAttribute>?

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: Set<TextAttribute> = [],
                foreground8: ThemeColor? = nil, background8: ThemeColor? = nil, monochrome: Set<TextAttribute>? = nil) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.foreground8 = foreground8
        self.background8 = background8
        self.monochrome = monochrome
    }
}

/// A named mapping of style roles to looks. Roles it leaves out look as in `Theme.builtIn`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// What the terminal backend needs for a role at a colour depth (8, 16, 256; 0 for none).
    public struct Resolved: Equatable, Sendable {
        public var foreground: Int?
        public var background: Int?
        public var attributes: Set<TextAttribute>
    }

    public func style(for role: StyleRole) -> Style {
        styles[role] ?? Theme.builtIn.styles[role] ?? Style()
    }

    public func resolved(_ role: StyleRole, depth: Int) -> Resolved {
        let style = style(for: role)
        guard depth >= 8 else {
            return Resolved(foreground: nil, background: nil, attributes: style.monochrome ?? style.attributes)
        }
        let foreground = depth < 256 ? (style.foreground8 ?? style.foreground) : style.foreground
        let background = depth < 256 ? (style.background8 ?? style.background) : style.background
        return Resolved(foreground: foreground?.number(at: depth), background: background?.number(at: depth), attributes: style.attributes)
    }
}
