"""Frame sources, photo checks and cropping, QR and barcode reading. No widgets."""
