"""Every sentence the photo checks say, in Vietnamese (read aloud by the officer) and English.

Kept in one place so a Vietnamese speaker can review them together: short, polite ("Mời …"),
and saying what to do rather than what is wrong where the applicant can fix it.
"""

from __future__ import annotations

from app.i18n import Language, Message

__all__ = ["Language", "Message"]  # re-exported: the camera's callers name them from here


# Titles of the checks, in the order the check list shows them.
TITLE_FACE_COUNT = Message("Số người trong ảnh", "People in the picture")
TITLE_EYE_DISTANCE = Message("Khoảng cách đến máy ảnh", "Distance to the camera")
TITLE_ROLL = Message("Đầu thẳng", "Head level")
TITLE_CENTRED = Message("Vị trí trong khung hình", "Position in the picture")
TITLE_HEAD_SIZE = Message("Cỡ đầu trong ảnh", "Head size in the photo")
TITLE_BACKGROUND = Message("Phông nền", "Background")
TITLE_SHARPNESS = Message("Độ nét", "Sharpness")
TITLE_NOISE = Message("Nhiễu hạt", "Noise")
TITLE_EXPOSURE = Message("Độ sáng", "Exposure")
TITLE_LIGHTING = Message("Ánh sáng hai bên mặt", "Light on both sides of the face")

NO_FACE = Message(
    "Không thấy khuôn mặt. Mời nhìn thẳng vào máy ảnh.",
    "No face found. Please look straight at the camera.",
)
SEVERAL_FACES = Message(
    "Chỉ để một người trong khung hình.", "Only one person in the picture, please."
)
ONE_FACE = Message("Một khuôn mặt.", "One face.")

TOO_FAR = Message("Mời lại gần máy ảnh hơn.", "Please come closer to the camera.")
DISTANCE_OK = Message("Khoảng cách tốt.", "Good distance.")

TILTED = Message("Mời giữ đầu thẳng, không nghiêng.", "Please hold your head straight.")
LEVELLED = Message(
    "Đầu hơi nghiêng; ảnh được tự cân lại.",
    "Head slightly tilted; the photo is levelled automatically.",
)
LEVEL_OK = Message("Đầu thẳng.", "Head straight.")
EYES_NOT_FOUND = Message(
    "Chưa thấy rõ hai mắt. Mời nhìn thẳng; bỏ kính nếu bị lóa.",
    "Eyes not seen clearly. Please look straight; remove glasses if they glare.",
)

NOT_CENTRED = Message("Mời ngồi vào giữa khung hình.", "Please sit in the middle of the picture.")
TOO_HIGH = Message(
    "Đầu quá sát mép trên. Mời ngồi thấp xuống một chút.",
    "Head too close to the top. Please sit a little lower.",
)
TOO_LOW = Message("Mặt quá thấp. Mời ngồi thẳng lên.", "Face too low. Please sit up straight.")
CENTRED_OK = Message("Ở giữa khung hình.", "In the middle of the picture.")

TOO_CLOSE = Message("Mời lùi ra xa một chút.", "Please move back a little.")
HEAD_SIZE_OK = Message("Cỡ đầu đúng chuẩn.", "Head size is right.")
CROWN_NOT_FOUND = Message(
    "Không rõ đỉnh đầu; xem lại ảnh đã cắt.",
    "Top of the head unclear; look at the cropped photo.",
)

BACKGROUND_NOT_BLUE = Message("Phông nền phải màu xanh.", "The background must be blue.")
BACKGROUND_NOT_WHITE = Message("Phông nền phải màu trắng.", "The background must be white.")
BACKGROUND_NOT_PLAIN = Message(
    "Phông nền không đều màu. Dọn vật phía sau.",
    "The background is not plain. Clear what is behind.",
)
BACKGROUND_UNSEEN = Message("Không đủ phông nền để kiểm tra.", "Not enough background to check.")
BACKGROUND_OK = Message("Phông nền đạt.", "Background is fine.")

BLURRED = Message("Ảnh bị mờ. Mời ngồi yên.", "The photo is blurred. Please hold still.")
SHARP = Message("Ảnh rõ nét.", "Sharp.")

NOISY = Message("Ảnh bị nhiễu hạt. Cần thêm ánh sáng.", "The photo is grainy. More light needed.")
NOISE_OK = Message("Ít nhiễu.", "Little noise.")

TOO_DARK = Message("Ảnh quá tối. Cần thêm ánh sáng.", "Too dark. More light needed.")
TOO_BRIGHT = Message("Ảnh quá sáng. Giảm bớt ánh sáng.", "Too bright. Reduce the light.")
HIGHLIGHTS_CLIPPED = Message(
    "Mặt bị chói sáng, mất chi tiết.", "Glare on the face; bright parts lose detail."
)
SHADOWS_CLIPPED = Message("Vùng tối trên mặt mất chi tiết.", "Dark parts of the face lose detail.")
EXPOSURE_OK = Message("Độ sáng tốt.", "Good exposure.")

UNEVEN_LIGHT = Message(
    "Ánh sáng không đều, một bên mặt bị tối.", "Uneven light: one side of the face is dark."
)
EVEN_LIGHT = Message("Ánh sáng đều.", "Even light.")

ALL_GOOD = Message("Tốt. Mời giữ yên.", "Good. Please hold still.")
