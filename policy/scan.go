package policy

import "unicode/utf8"

// charDefect is the first character of a policy outside the policy
// character set: TAB, LF, CR and U+0020 to U+00FF, raw or escaped (IAM User
// Guide, "IAM and AWS STS quotas" > "IAM name requirements"; IAM API
// Reference, CreatePolicy, PolicyDocument pattern).
type charDefect struct {
	off  int    // byte offset; -1 when there is none
	text string // the escape as written, for escapes
	r    rune
	kind charDefectKind
}

type charDefectKind uint8

const (
	badRaw    charDefectKind = iota // a raw character outside the set
	badUTF8                         // bytes that are not UTF-8
	badEscape                       // \uXXXX outside the set
	badCtlEsc                       // \b or \f
)

// scanJSON reads src once: it reports whether src is one JSON value (RFC
// 8259) nested at most maxNesting deep, and finds the first character
// outside the policy character set. It replaces a validator pass and a
// character pass. It only accepts or rejects: for a rejected text the
// parser asks encoding/json where the error is (the cold path), and trusts
// encoding/json over this scanner if they disagree.
func scanJSON(src []byte) (valid bool, bad charDefect) {
	bad.off = -1
	var stack [64]byte // containers, '{' or '['; deeper nesting spills
	containers := stack[:0]
	i := skipSpace(src, 0)
	const (
		wantValue = iota
		wantValueOrClose
		wantKey
		wantKeyOrClose
		wantColon
		wantCommaOrClose
	)
	state := wantValue
	for {
		if i >= len(src) {
			return false, bad
		}
		c := src[i]
		switch state {
		case wantValue, wantValueOrClose:
			if state == wantValueOrClose && c == ']' {
				containers = containers[:len(containers)-1]
				i++
				goto closed
			}
			switch {
			case c == '{' || c == '[':
				if len(containers) >= maxNesting {
					return false, bad
				}
				containers = append(containers, c)
				i++
				if c == '{' {
					state = wantKeyOrClose
				} else {
					state = wantValueOrClose
				}
				i = skipSpace(src, i)
				continue
			case c == '"':
				var ok bool
				if i, ok = scanString(src, i, &bad); !ok {
					return false, bad
				}
			case c == '-' || (c >= '0' && c <= '9'):
				var ok bool
				if i, ok = scanNumber(src, i); !ok {
					return false, bad
				}
			case c == 't':
				if !hasLiteral(src, i, "true") {
					return false, bad
				}
				i += 4
			case c == 'f':
				if !hasLiteral(src, i, "false") {
					return false, bad
				}
				i += 5
			case c == 'n':
				if !hasLiteral(src, i, "null") {
					return false, bad
				}
				i += 4
			default:
				return false, bad
			}
			goto closed
		case wantKey, wantKeyOrClose:
			if state == wantKeyOrClose && c == '}' {
				containers = containers[:len(containers)-1]
				i++
				goto closed
			}
			if c != '"' {
				return false, bad
			}
			var ok bool
			if i, ok = scanString(src, i, &bad); !ok {
				return false, bad
			}
			state = wantColon
			i = skipSpace(src, i)
			continue
		case wantColon:
			if c != ':' {
				return false, bad
			}
			state = wantValue
			i = skipSpace(src, i+1)
			continue
		case wantCommaOrClose:
			top := containers[len(containers)-1]
			switch {
			case c == ',':
				if top == '{' {
					state = wantKey
				} else {
					state = wantValue
				}
				i = skipSpace(src, i+1)
				continue
			case (c == '}' && top == '{') || (c == ']' && top == '['):
				containers = containers[:len(containers)-1]
				i++
				goto closed
			}
			return false, bad
		}
	closed:
		// A value (or a container) has just ended.
		i = skipSpace(src, i)
		if len(containers) == 0 {
			return i == len(src), bad
		}
		state = wantCommaOrClose
	}
}

func skipSpace(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func hasLiteral(src []byte, i int, lit string) bool {
	return len(src)-i >= len(lit) && string(src[i:i+len(lit)]) == lit
}

// scanNumber reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at i.
func scanNumber(src []byte, i int) (int, bool) {
	digits := func(i int) (int, bool) {
		start := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i, i > start
	}
	if src[i] == '-' {
		i++
	}
	if i >= len(src) {
		return i, false
	}
	if src[i] == '0' {
		i++
	} else {
		var ok bool
		if i, ok = digits(i); !ok {
			return i, false
		}
	}
	if i < len(src) && src[i] == '.' {
		var ok bool
		if i, ok = digits(i + 1); !ok {
			return i, false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		var ok bool
		if i, ok = digits(i); !ok {
			return i, false
		}
	}
	return i, true
}

// stringPlain marks the bytes a string passes over without a second look:
// printable ASCII other than the quote and the backslash.
var stringPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = false, false
	return t
}()

// scanString reads the string whose opening quote is at i and returns the
// offset after its closing quote. It records the first character outside
// the policy character set in bad.
func scanString(src []byte, i int, bad *charDefect) (int, bool) {
	i++
	for {
		for i < len(src) && stringPlain[src[i]] {
			i++
		}
		if i >= len(src) {
			return i, false
		}
		c := src[i]
		switch {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 >= len(src) {
				return i, false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'n', 'r', 't':
				i += 2
			case 'b', 'f':
				if bad.off < 0 {
					*bad = charDefect{off: i, text: string(src[i : i+2]), kind: badCtlEsc}
				}
				i += 2
			case 'u':
				if i+6 > len(src) {
					return i, false
				}
				var n rune
				for _, h := range src[i+2 : i+6] {
					switch {
					case h >= '0' && h <= '9':
						n = n<<4 | rune(h-'0')
					case h >= 'a' && h <= 'f':
						n = n<<4 | rune(h-'a'+10)
					case h >= 'A' && h <= 'F':
						n = n<<4 | rune(h-'A'+10)
					default:
						return i, false
					}
				}
				if !allowedRune(n) && bad.off < 0 {
					*bad = charDefect{off: i, text: string(src[i : i+6]), r: n, kind: badEscape}
				}
				i += 6
			default:
				return i, false
			}
		case c < 0x20:
			return i, false // JSON forbids raw control characters in strings
		case c < utf8.RuneSelf: // DEL, which the set includes
			i++
		default:
			r, n := utf8.DecodeRune(src[i:])
			if bad.off < 0 {
				switch {
				case r == utf8.RuneError && n <= 1:
					*bad = charDefect{off: i, kind: badUTF8}
				case !allowedRune(r):
					*bad = charDefect{off: i, r: r, kind: badRaw}
				}
			}
			i += n
		}
	}
}

// reportChar reports a character outside the policy character set.
func (p *parser) reportChar(bad charDefect) {
	const set = "policy documents may hold only TAB, LF, CR and U+0020 to U+00FF"
	switch bad.kind {
	case badEscape:
		p.errorf(bad.off, "", "INVALID_CHARACTER", "the escape %s stands for U+%04X: %s", bad.text, bad.r, set)
	case badCtlEsc:
		p.errorf(bad.off, "", "INVALID_CHARACTER", "the escape %s stands for a control character: %s", bad.text, set)
	case badUTF8:
		p.errorf(bad.off, "", "INVALID_CHARACTER", "the policy is not valid UTF-8 at this byte")
	default:
		p.errorf(bad.off, "", "INVALID_CHARACTER", "the character %q (U+%04X) is outside the policy character set: %s", bad.r, bad.r, set)
	}
}
