"""The photo panel: live preview with a head guide and spoken hints, capture, import, review.

The camera and the checks run on their own threads (``camera.live``); what they
produce comes back here through queued signals, so every widget is touched on
the GUI thread only. With no camera the panel still works: the status line
says so (and the camera is retried), and a photo can be imported from a file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.catalogue.model import PhotoBackground
from camera.analysis import PhotoAnalysis, analyse_photo
from camera.capture import (
    OFFICER_CONFIRMS,
    AcceptedPhoto,
    CapturedPhoto,
    PhotoAnalyser,
    PhotoNotAccepted,
    accept,
    capture,
)
from camera.checks import TITLES, Status
from camera.grabber import SourceState, SourceStatus
from camera.images import EncodedImage, Image, ImageReadError, media_type_of, read_image_file
from camera.live import LiveSession
from camera.messages import Language
from camera.qr import QrScan, read_qr_codes
from camera.sources import FrameSource, webcam
from ui.qt import (
    QApplication,
    QCheckBox,
    QColor,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPainter,
    QPen,
    QPixmap,
    QPointF,
    QPolygonF,
    QPushButton,
    QRectF,
    QShortcut,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

log = logging.getLogger(__name__)

STATUS_COLOURS = {Status.PASS: "#2e7d32", Status.WARN: "#ef6c00", Status.FAIL: "#c62828"}
STATUS_MARKS = {Status.PASS: "✓", Status.WARN: "!", Status.FAIL: "✗"}
CAMERA_DEVICES = 4
PREVIEW_SIZE = (160, 120)  # the least; it grows with the room the screen gives it
PHOTO_SIZE = (111, 148)  # 3×4, under a third of 354×472


# Every control's key, shown on it ("Chụp  [Alt+A]"); the same in both languages, clear of
# the window's others (F5–F11, Ctrl+…, the tabs' Alt+R/T/C/O/D and Alt+T/H/D/R/S).
KEYS = {
    "cameraDevice": "Alt+M",
    "startCamera": "Alt+B",
    "capture": "Alt+A",
    "retake": "Alt+L",
    "importPhoto": "Alt+I",
    "readQr": "Alt+Q",
    "photoConfirmed": "Alt+X",
    "overrideReason": "Alt+Y",
    "acceptPhoto": "Alt+U",
}


def keyed(text: str, name: str) -> str:
    """A control's text with its key: "Chụp  [Alt+A]"."""
    return f"{text}  [{KEYS[name]}]"


def _button(text: str, name: str, clicked: Callable[[], object]) -> QPushButton:
    """A push button found by ``name`` (tests, style sheets) that calls ``clicked``."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(clicked)
    return button


class _Bridge(QObject):
    """Carries the camera thread's and the checks' callbacks to the GUI thread."""

    frame = Signal(object)  # Image
    status = Signal(object)  # SourceStatus
    result = Signal(object, object)  # Image, PhotoAnalysis | QrScan


class PhotoPanel(QWidget):
    accepted = Signal(object)  # AcceptedPhoto: store it with the dossier
    qr_read = Signal(str)  # the text of a QR code shown to the camera (the citizen-ID card)
    camera_changed = Signal(object)  # SourceState: the camera thread's state, as it reports it

    def __init__(
        self,
        background: PhotoBackground = PhotoBackground.BLUE,
        language: Language = "vi",
        camera: Callable[[int], FrameSource] = webcam,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.language: Language = language
        self._camera = camera
        self.analyser = PhotoAnalyser(background)
        self.captured: CapturedPhoto | None = None
        self._last: PhotoAnalysis | None = None
        self._reading_qr = False
        self.camera_state = SourceState.STOPPED
        self._camera_status: SourceStatus | None = None  # the thread's last report

        self._bridge = _Bridge(self)
        self._bridge.frame.connect(self._show_frame)
        self._bridge.status.connect(self._show_status)
        self._bridge.result.connect(self._show_result)
        self.session = LiveSession(
            self._bridge.frame.emit, self._bridge.status.emit, self._bridge.result.emit
        )
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # However the panel goes (its window closed, its parent deleted), its threads go
        # first: a camera thread emitting into a deleted widget would crash the program.
        self.destroyed.connect(self.session.close)
        self._build()
        self._keyboard()
        self._show_status(None)
        self._update_accept()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.preview = QLabel(self.tr("No camera picture"))
        self.preview.setObjectName("photoPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("background: #263238; color: #eceff1;")
        self.photo = QLabel(self.tr("Photo 3×4"))
        self.photo.setObjectName("photoResult")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setStyleSheet("border: 1px solid #90a4ae; color: #607d8b;")
        self.hint = QLabel()
        self.hint.setObjectName("photoHint")
        self.hint.setWordWrap(True)
        big = self.hint.font()  # set here, not by a style sheet: its lines are measured below
        big.setPointSize(13)
        big.setBold(True)
        self.hint.setFont(big)

        self.device = QComboBox()
        self.device.setObjectName("cameraDevice")
        for index in range(CAMERA_DEVICES):
            self.device.addItem(self.tr("Camera {number}").format(number=index + 1), index)
        self.start_button = _button(self.tr("Start camera"), "startCamera", self._toggle_camera)
        self.capture_button = _button(self.tr("Capture"), "capture", self.capture)
        self.retake_button = _button(self.tr("Retake"), "retake", self.retake)
        self.import_button = _button(self.tr("Import from file…"), "importPhoto", self._choose_file)
        self.qr_button = QPushButton(self.tr("Read ID card QR"))
        self.qr_button.setObjectName("readQr")
        self.qr_button.setCheckable(True)
        self.qr_button.toggled.connect(self.read_qr)

        self.checks = QListWidget()
        self.checks.setObjectName("photoChecks")
        # Beside the pictures, as tall as they are: the ten checks scroll when the screen is small.
        self.checks.setMaximumHeight(len(TITLES) * (self.checks.fontMetrics().height() + 3) + 8)
        self.confirm = QCheckBox(OFFICER_CONFIRMS.text(self.language))
        self.confirm.setObjectName("photoConfirmed")
        self.confirm.toggled.connect(self._update_accept)
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(self.tr("Reason for using a photo that failed a check"))
        self.reason.textChanged.connect(self._update_accept)
        self.accept_button = _button(self.tr("Use this photo"), "acceptPhoto", self._accept)
        self.status = QLabel()
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)

        # Compact, to fit a 1280×720 counter screen beside the checklist and the verdict:
        # in one band the preview, the photo, the camera controls stacked (and "use this
        # photo" at their foot) and the checks; under it the hint, the officer's confirmation
        # and reason in one row, and the camera's state.
        self.checks.setMinimumWidth(160)
        self.checks.setWordWrap(True)  # narrow: a check wraps, the list scrolls down
        self.checks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.camera_controls = QWidget()
        self.camera_controls.setObjectName("cameraControls")
        stack = QVBoxLayout(self.camera_controls)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        for widget in (
            self.device,
            self.start_button,
            self.capture_button,
            self.retake_button,
            self.import_button,
            self.qr_button,
        ):
            stack.addWidget(widget)
        stack.addStretch()
        stack.addWidget(self.accept_button)  # by the photo it takes, level with the confirmation
        band = QHBoxLayout()
        band.addWidget(self.preview, 2)
        band.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        band.addWidget(self.camera_controls)
        band.addWidget(self.checks, 3)
        self.decision = QWidget()
        self.decision.setObjectName("photoDecision")
        decision = QHBoxLayout(self.decision)
        decision.setContentsMargins(0, 0, 0, 0)
        decision.addWidget(self.confirm)
        decision.addWidget(self.reason, 1)
        # What the officer acts on: the receiving screen locks these once the dossier is
        # stored (a container's state, so each control keeps its own when unlocked).
        self.controls: list[QWidget] = [self.camera_controls, self.decision]
        # The hint to the applicant and the camera's state share a row of a fixed two lines,
        # so what the camera thread says never moves the controls under the officer's hand.
        words = QHBoxLayout()
        words.addWidget(self.hint, 3)
        words.addWidget(self.status, 2)
        self.hint.setFixedHeight(2 * self.hint.fontMetrics().lineSpacing() + 4)
        self.status.setFixedHeight(self.hint.height())
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(band, 1)
        layout.addLayout(words)
        layout.addWidget(self.decision)

    def _keyboard(self) -> None:
        """Each control a Tab stop in reading order, with its key shown on it."""
        for button in (
            self.start_button,
            self.capture_button,
            self.retake_button,
            self.import_button,
            self.qr_button,
            self.confirm,
            self.accept_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setShortcut(QKeySequence(KEYS[button.objectName()]))
            button.setText(keyed(button.text(), button.objectName()))
        for index in range(self.device.count()):
            self.device.setItemText(index, keyed(self.device.itemText(index), "cameraDevice"))
        self.reason.setPlaceholderText(keyed(self.reason.placeholderText(), "overrideReason"))
        for widget in (self.device, self.reason):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            shortcut = QShortcut(QKeySequence(KEYS[widget.objectName()]), widget)
            shortcut.activated.connect(widget.setFocus)
        # What the checks say is read, not operated: Tab goes from control to control.
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        previous: QWidget | None = None
        for control in self.controls_in_order():
            if previous is not None:
                QWidget.setTabOrder(previous, control)
            previous = control

    def controls_in_order(self) -> list[QWidget]:
        """The panel's controls in reading order (the receiving screen's Tab order uses it)."""
        return [
            self.device,
            self.start_button,
            self.capture_button,
            self.retake_button,
            self.import_button,
            self.qr_button,
            self.confirm,
            self.reason,
            self.accept_button,
        ]

    # ------------------------------------------------------------------ camera

    def set_background(self, background: PhotoBackground) -> None:
        """The backdrop the chosen procedure asks for (blue for licences, white for the IDP)."""
        self.analyser.background = background
        self.analyser.clear()
        self.hint.clear()  # the last hint spoke of frames that no longer count

    def start_camera(self, device: int | None = None) -> None:
        index = self.device.currentData() if device is None else device
        source = self._camera(int(index))
        # A recording standing in for the camera (demonstrations, tests) plays round and
        # round, as a camera never stops.
        self.start_source(source, loop=not source.live)

    def use_camera(self, camera: Callable[[int], FrameSource], device: int | None = None) -> None:
        """Take pictures from ``camera`` from now on (the settings' camera source), at once:
        a running camera is restarted on it. ``device``: the webcam listed first."""
        self._camera = camera
        if device is not None:
            if self.device.findData(device) < 0:
                self.device.addItem(self.tr("Camera {number}").format(number=device + 1), device)
            self.device.setCurrentIndex(self.device.findData(device))
        if self.session.running:
            self.start_camera()

    def start_source(self, source: FrameSource, *, loop: bool = False) -> None:
        """Any frame source: a webcam, or a video file in tests and demonstrations."""
        self.analyser.clear()
        # The button and the status bar follow the thread's own reports (``_show_status``):
        # the last word is always the camera's, never a guess made here.
        self.session.start(source, self._analyser(), loop=loop)

    def stop_camera(self) -> None:
        self.session.stop()

    def shutdown(self) -> None:
        """Stop both threads; the window calls this when it closes."""
        self.session.close()

    def _toggle_camera(self) -> None:
        if self.session.running:
            self.stop_camera()
        else:
            self.start_camera()

    def read_qr(self, on: bool) -> None:
        """Read the ID card's QR from the camera instead of checking the face, until one is read."""
        self._reading_qr = on
        self.qr_button.setChecked(on)
        self.session.set_analyser(self._analyser())
        if on:
            self.hint.setText(self.tr("Hold the ID card's QR code up to the camera"))

    def _analyser(self) -> Callable[[Image], object]:
        return read_qr_codes if self._reading_qr else self.analyser

    # ---------------------------------------------------- results from threads

    def _show_frame(self, frame: Image) -> None:
        try:
            self.preview.setPixmap(self._preview_pixmap(frame))
        finally:
            self.session.frame_done()

    def _show_status(self, status: SourceStatus | None) -> None:
        self._camera_status = status
        self.camera_state = SourceState.STOPPED if status is None else status.state
        # Retrying an unplugged camera is still "on": the button stops the retrying.
        on = self.camera_state in (SourceState.RUNNING, SourceState.UNAVAILABLE)
        text = self.tr("Stop camera") if on else self.tr("Start camera")
        self.start_button.setText(keyed(text, "startCamera"))
        if status is None:
            self.status.setText(self.tr("Camera off. A photo can be imported from a file."))
        else:
            self.status.setText(status.message.text(self.language))
        self.camera_changed.emit(self.camera_state)

    def _show_result(self, _frame: Image, result: object) -> None:
        if isinstance(result, QrScan):
            if result.texts and self._reading_qr:
                self.read_qr(False)
                self.qr_read.emit(result.texts[0])
            return
        if not isinstance(result, PhotoAnalysis) or self._reading_qr:
            return
        if result.photo is not None and self.analyser.best() is None:
            # Analysed before the analyser was cleared (the next applicant, another backdrop):
            # its "good, hold still" would invite a capture with no frame to take.
            return
        self._last = result
        if self.captured is None:
            self.hint.setText(" ".join(h.text(self.language) for h in result.hints()))
            self._list_checks(result)

    # ----------------------------------------------------------------- capture

    def capture(self) -> CapturedPhoto | None:
        best = self.analyser.best()
        if best is None:
            self.hint.setText(self.tr("No face to capture yet"))
            return None
        self._review(capture(best.frame, best.analysis))
        return self.captured

    def import_file(self, path: Path) -> CapturedPhoto | None:
        try:
            data, frame = read_image_file(path)
        except ImageReadError as error:
            self.status.setText(str(error))
            return None
        analysis = analyse_photo(frame, self.analyser.background)
        self._list_checks(analysis)
        if analysis.photo is None:
            self.hint.setText(" ".join(h.text(self.language) for h in analysis.hints()))
            return None
        height, width = frame.shape[:2]
        original = EncodedImage.of(data, width, height, media_type_of(data))
        self._review(capture(frame, analysis, original=original))
        return self.captured

    def retake(self) -> None:
        self.captured = None
        self.analyser.clear()
        self.hint.clear()
        self.photo.clear()
        self.photo.setText(self.tr("Photo 3×4"))
        self.confirm.setChecked(False)
        self.reason.clear()
        self.checks.clear()
        self._show_status(self._camera_status)  # not "photo kept" of the one before
        self._update_accept()

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a photo"), "", self.tr("Images (*.jpg *.jpeg *.png *.bmp *.tif)")
        )
        if name:
            self.import_file(Path(name))

    def _review(self, captured: CapturedPhoto) -> None:
        self.captured = captured
        image = QImage.fromData(captured.photo.data)
        self.photo.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.photo.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        analysis = captured.analysis
        self._list_checks(analysis)
        if analysis.passed:
            self.hint.setText(self.tr("Captured. Check the photo, then confirm."))
        else:
            self.hint.setText(self.tr("Captured, but a check failed: retake, or give a reason."))
        self.confirm.setChecked(False)
        self._update_accept()

    def _list_checks(self, analysis: PhotoAnalysis) -> None:
        self.checks.clear()
        for check in analysis.checks:
            text = (
                f"{STATUS_MARKS[check.status]} {check.title.text(self.language)}:"
                f" {check.message.text(self.language)}"
            )
            item = QListWidgetItem(text)
            item.setForeground(QColor(STATUS_COLOURS[check.status]))
            item.setData(Qt.ItemDataRole.UserRole, str(check.id))
            self.checks.addItem(item)

    def _update_accept(self) -> None:
        failed = self.captured is not None and not self.captured.analysis.passed
        self.reason.setEnabled(failed)
        ready = (
            self.captured is not None
            and self.confirm.isChecked()
            and (not failed or bool(self.reason.text().strip()))
        )
        self.accept_button.setEnabled(ready)

    def _accept(self) -> None:
        if self.captured is None:
            return
        try:
            decided: AcceptedPhoto = accept(
                self.captured,
                officer_confirmed=self.confirm.isChecked(),
                reason=self.reason.text(),
            )
        except PhotoNotAccepted as refusal:
            self.hint.setText(refusal.message.text(self.language))
            return
        self.status.setText(self.tr("Photo kept for the dossier."))
        self.accepted.emit(decided)

    # ----------------------------------------------------------------- drawing

    def _preview_pixmap(self, frame: Image) -> QPixmap:
        height, width = frame.shape[:2]
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
        target = self.preview.size()
        pixmap = QPixmap.fromImage(
            image.scaled(
                target,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        scale = pixmap.width() / width
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._draw_guide(painter, pixmap.width(), pixmap.height())
            if not self._reading_qr:
                self._draw_crop(painter, scale)
        finally:
            painter.end()
        return pixmap

    @staticmethod
    def _draw_guide(painter: QPainter, width: float, height: float) -> None:
        """Where the head should be: the 3×4 frame at 85 % of the height, the head at 75 % of it."""
        crop_h = 0.85 * height
        crop_w = 0.75 * crop_h
        left, top = (width - crop_w) / 2, 0.075 * height
        head_h = 0.75 * crop_h
        head_w = 0.72 * head_h
        pen = QPen(QColor(255, 255, 255, 170), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(width / 2 - head_w / 2, top + 0.1 * crop_h, head_w, head_h))
        painter.drawRect(QRectF(left, top, crop_w, crop_h))

    def _draw_crop(self, painter: QPainter, scale: float) -> None:
        analysis = self._last
        if analysis is None or analysis.plan is None:
            return
        plan = analysis.plan
        colour = STATUS_COLOURS[
            Status.FAIL
            if analysis.failed
            else Status.WARN
            if any(c.status is Status.WARN for c in analysis.checks)
            else Status.PASS
        ]
        painter.setPen(QPen(QColor(colour), 3))
        corners = [QPointF(x * scale, y * scale) for x, y in plan.face.corners(plan.fitted)]
        painter.drawPolygon(QPolygonF(corners))
