package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // QR photos arrive as JPEG as often as PNG
	_ "image/png"
	"io"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/skip2/go-qrcode"
)

// QR holds a rendered QR code and the symbol version chosen for it.
type QR struct {
	PNG     []byte
	Version int // 1..40
}

// ErrTooLargeForQR is returned when content exceeds a version-40 symbol.
var ErrTooLargeForQR = errors.New("bundle: too large for one QR code at error correction M")

// EncodeQR renders content (a CS1 string or a verifier URL) as a PNG QR code
// at error-correction level M, 4 pixels a module with the standard quiet zone.
func EncodeQR(content string) (QR, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return QR{}, fmt.Errorf("%w: %v", ErrTooLargeForQR, err)
	}
	png, err := q.PNG(-4)
	if err != nil {
		return QR{}, fmt.Errorf("render QR: %w", err)
	}
	return QR{PNG: png, Version: q.VersionNumber}, nil
}

// ReadImage reads an image (PNG or JPEG) from r for DecodeQRImage. It
// reads the image's header first and stops there if the image is too
// large, so the rest of a bomb is never even read.
func ReadImage(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if err := checkImageSize(io.TeeReader(r, &buf)); err != nil {
		return nil, err
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	return buf.Bytes(), nil
}

// checkImageSize reads an image's header and refuses more than MaxImagePixels.
func checkImageSize(r io.Reader) error {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return fmt.Errorf("%w: not a PNG or JPEG image: %v", ErrInvalid, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return fmt.Errorf("%w (%d × %d)", ErrImageTooLarge, cfg.Width, cfg.Height)
	}
	return nil
}

// MaxImagePixels bounds the images DecodeQRImage decodes: a 12-megapixel
// phone photo fits; a small file that declares a huge image (a
// decompression bomb: 8 MiB of PNG zeros can declare gigapixels) is
// refused from its header, before any pixel is decoded.
const MaxImagePixels = 16 << 20

// ErrImageTooLarge is returned for an image of more than MaxImagePixels.
var ErrImageTooLarge = fmt.Errorf("%w: image larger than %d megapixels", ErrInvalid, MaxImagePixels>>20)

// DecodeQRImage reads the text of the QR code in an image (PNG or JPEG).
// An image of more than MaxImagePixels is refused from its header.
func DecodeQRImage(data []byte) (string, error) {
	if err := checkImageSize(bytes.NewReader(data)); err != nil {
		return "", err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%w: not a PNG or JPEG image: %v", ErrInvalid, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", fmt.Errorf("%w: image: %v", ErrInvalid, err)
	}
	// The general detector copes with photos; on large clean renderings its
	// finder-pattern search sometimes misses, which pure-barcode mode does not.
	reader := gozxingqr.NewQRCodeReader()
	res, err := reader.Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		var pureErr error
		if res, pureErr = reader.Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}); pureErr != nil {
			return "", fmt.Errorf("%w: no readable QR code in the image: %v", ErrInvalid, err)
		}
	}
	return res.GetText(), nil
}
