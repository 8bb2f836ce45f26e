package jsontext

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamsim/iamsim/internal/swar"
)

// stringSpan returns the span of the JSON string text[start:end] (quotes
// included): within text, or a decoded copy's when it has escapes.
func (t *Tape) stringSpan(start, end int, escaped bool) span {
	if !escaped {
		return span{int32(start + 1), int32(end - 1)}
	}
	t.decoded = append(t.decoded, unescape(t.text[start+1:end-1]))
	return span{int32(len(t.decoded) - 1), -1}
}

// unescape decodes the escapes of a JSON string scanString accepted. A
// \u escape of a lone surrogate becomes U+FFFD, as in encoding/json; the
// parser rejects such a string anyway (it is outside the policy character
// set), but the tape stays well defined.
func unescape(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, _ := readHex4(s[i+1 : i+5]) // scanString checked the digits
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, _ = readHex4(s[i+3 : i+7])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, s[i])
		}
	}
	return string(out)
}

// readHex4 reads the four hexadecimal digits of a \u escape; ok is false
// when one is not a digit.
func readHex4[T string | []byte](h T) (n rune, ok bool) {
	for i := 0; i < 4; i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			n = n<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			n = n<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			n = n<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace(src []byte, i int) int {
	for i < len(src) && jsonSpace[src[i]] {
		i++
	}
	return i
}

var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

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
// ASCII from the space to DEL other than the quote and the backslash.
var stringPlain = func() (t [256]bool) {
	for c := 0x20; c <= 0x7F; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = false, false
	return t
}()

// stringStop is non-zero when one of the eight bytes of x (read little
// endian) needs a look: a control character, '"', '\\' or a byte of a
// multi-byte character; the high bit of each such byte is set. It may also
// flag a plain byte above a flagged one (a borrow), never below, so the
// lowest flagged byte is always one to look at. (It is hasByte for '"' and
// '\\' and two more tests, fused: the parser's hottest loop runs it on
// every word of every string. DEL passes, as it is in the character set.)
func stringStop(x uint64) uint64 {
	q := x ^ (swar.Low * '"')
	b := x ^ (swar.Low * '\\')
	return ((q-swar.Low)&^q | (b-swar.Low)&^b | (x-swar.Low*0x20)&^x | x) & swar.High
}

// scanString reads the string whose opening quote is at i and returns the
// offset after its closing quote and whether the string has escapes. It
// records the first character outside the policy character set in bad.
func scanString(src []byte, i int, bad *CharDefect) (end int, escaped, ok bool) {
	i++
	for {
		// Skip plain bytes, eight at a time: the lowest flagged byte of a
		// word is the first that needs a look.
		for {
			if i+8 > len(src) {
				for i < len(src) && stringPlain[src[i]] {
					i++
				}
				break
			}
			if m := stringStop(binary.LittleEndian.Uint64(src[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(src) {
			return i, escaped, false
		}
		c := src[i]
		switch {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(src) {
				return i, escaped, false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'n', 'r', 't':
				i += 2
			case 'b', 'f':
				if bad.Off < 0 {
					*bad = CharDefect{Off: i, Text: string(src[i : i+2]), Kind: BadCtlEsc}
				}
				i += 2
			case 'u':
				if i+6 > len(src) {
					return i, escaped, false
				}
				n, ok := readHex4(src[i+2 : i+6])
				if !ok {
					return i, escaped, false
				}
				if !allowedRune(n) && bad.Off < 0 {
					*bad = CharDefect{Off: i, Text: string(src[i : i+6]), Rune: n, Kind: BadEscape}
				}
				i += 6
			default:
				return i, escaped, false
			}
		case c < 0x20:
			return i, escaped, false // JSON forbids raw control characters in strings
		default:
			r, n := utf8.DecodeRune(src[i:])
			if bad.Off < 0 {
				switch {
				case r == utf8.RuneError && n <= 1:
					*bad = CharDefect{Off: i, Kind: BadUTF8}
				case !allowedRune(r):
					*bad = CharDefect{Off: i, Rune: r, Kind: BadRaw}
				}
			}
			i += n
		}
	}
}

// allowedRune reports whether r is in the character set of policy
// documents: TAB, LF, CR and U+0020 to U+00FF.
func allowedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)
}
