// Package hostile makes the inputs an attacker sends a verifier: images
// that declare billions of pixels, CS1 strings that inflate a thousandfold,
// JSON objects of tens of thousands of members. Tests use them to show
// each is refused cheaply; `credseal bench http --hostile` sends them at a
// running server.
package hostile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"
	"strings"

	"github.com/credseal/credseal/pkg/bundle"
)

// PNGBomb is a PNG that declares width × height 8-bit grey pixels, with
// one IDAT chunk of zeroBytes compressed zeros (about a thousandth of
// that in size).
func PNGBomb(width, height uint32, zeroBytes int64) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, width), height)
	chunk(&out, "IHDR", append(ihdr, 8, 0, 0, 0, 0))
	chunk(&out, "IDAT", deflatedZeros(zeroBytes))
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(buf *bytes.Buffer, typ string, data []byte) {
	buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	buf.WriteString(typ)
	buf.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	buf.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}

// InflationBomb is a CS1 string whose zlib data inflates to n zero bytes.
func InflationBomb(n int64) string {
	return bundle.Prefix + bundle.Base45(deflatedZeros(n))
}

// ManyMembers is a bundle's JSON whose salts object has n members, with
// names short enough that 30,000 fit in a bundle's 256 KiB.
func ManyMembers(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"format":"credseal-bundle/2","disclosure":{"salts":{`)
	const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for v := i; ; v /= len(digits) {
			b.WriteByte(digits[v%len(digits)])
			if v < len(digits) {
				break
			}
		}
		b.WriteString(`":0`)
	}
	b.WriteString(`}}}`)
	return []byte(b.String())
}

// deflatedZeros is n zero bytes, zlib-compressed.
func deflatedZeros(n int64) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	io.CopyN(zw, zeros{}, n) // writing to memory cannot fail
	zw.Close()
	return z.Bytes()
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
