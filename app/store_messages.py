"""What the store's safety says to IT staff and the officer: every sentence of
``app.store_ops``, each naming the file and what to do (docs/store.md)."""

from __future__ import annotations

from app.i18n import Message

RESTORE_NEWEST = Message(
    "Cán bộ IT khôi phục bản sao lưu mới nhất đã kiểm tra (motcua restore {backup}) hoặc chủ "
    "động bắt đầu kho mới (motcua store new --confirm)",
    "IT staff restore the newest verified backup (motcua restore {backup}) or explicitly start "
    "a new store (motcua store new --confirm)",
)
RESTORE_ANY = Message(
    "Cán bộ IT khôi phục một bản sao lưu của quầy (motcua restore TỆP; thư mục {folder} chưa có "
    "bản nào đã kiểm tra) hoặc chủ động bắt đầu kho mới (motcua store new --confirm)",
    "IT staff restore a backup of this counter (motcua restore FILE; the folder {folder} holds "
    "no verified one) or explicitly start a new store (motcua store new --confirm)",
)
STORE_MISSING = Message(
    "{file}: không thấy kho hồ sơ, trong khi quầy này đã ghi nhận kho {identity}; chương trình "
    "không tự tạo kho mới và không cấp mã hồ sơ nào. {what}",
    "{file}: the dossier store is missing, though this counter recorded store {identity}; the "
    "program does not create a new one by itself and gives no dossier code. {what}",
)
STORE_EMPTY = Message(
    "{file}: kho hồ sơ rỗng (0 byte), trong khi quầy này đã ghi nhận kho {identity}; chương "
    "trình không tự tạo lại kho và không cấp mã hồ sơ nào. {what}",
    "{file}: the dossier store is empty (0 bytes), though this counter recorded store "
    "{identity}; the program does not create it again by itself and gives no dossier code. "
    "{what}",
)
STORE_REPLACED = Message(
    "{file}: đây là kho hồ sơ {found}, không phải kho {identity} mà quầy này đã ghi nhận; "
    "chương trình không dùng kho này và không cấp mã hồ sơ nào. {what}",
    "{file}: this is dossier store {found}, not store {identity} that this counter recorded; "
    "the program does not use it and gives no dossier code. {what}",
)
STORE_BEHIND = Message(
    "{file}: kho hồ sơ cũ hơn những gì quầy này đã làm: thiếu hồ sơ mã {code} đã cấp; chương "
    "trình không cấp mã hồ sơ nào để không cấp trùng mã. {what}",
    "{file}: the dossier store is older than what this counter did: it lacks dossier {code}, "
    "already issued; the program gives no dossier code, so that none is issued twice. {what}",
)
STORE_DAMAGED = Message(
    "{file}: kho hồ sơ bị hỏng, không đọc được; chương trình không cấp mã hồ sơ nào. {what}",
    "{file}: the dossier store is damaged and cannot be read; the program gives no dossier "
    "code. {what}",
)
STORE_FULL = Message(
    "{file}: ổ đĩa đã đầy, không ghi được vào kho hồ sơ; việc vừa làm chưa được lưu, các hồ sơ "
    "đã lưu trước đó vẫn còn nguyên. Cán bộ IT giải phóng dung lượng ổ đĩa rồi làm lại",
    "{file}: the disk is full and the dossier store cannot be written; what was just done is "
    "not saved, the dossiers stored before are intact. IT staff free space on the disk, then "
    "do it again",
)
STORE_DISK = Message(
    "{file}: lỗi đọc ghi ổ đĩa khi dùng kho hồ sơ; việc vừa làm chưa được lưu. Cán bộ IT kiểm "
    "tra ổ đĩa, rồi kiểm tra kho bằng lệnh: motcua store check",
    "{file}: the disk failed to read or write the dossier store; what was just done is not "
    "saved. IT staff check the disk, then the store with: motcua store check",
)
STORE_UNWRITABLE = Message(
    "{file}: không mở hoặc không ghi được kho hồ sơ vì thư mục {folder} không cho phép ghi; "
    "việc vừa làm chưa được lưu. Cán bộ IT cho tài khoản này quyền ghi vào thư mục đó, hoặc "
    "chọn thư mục dữ liệu khác (MOTCUA_DATA_DIR)",
    "{file}: the dossier store cannot be opened or written, the folder {folder} may not be "
    "written to; what was just done is not saved. IT staff give this account the right to "
    "write there, or choose another data folder (MOTCUA_DATA_DIR)",
)
STORE_BUSY = Message(
    "{file}: kho hồ sơ đang bị một chương trình khác giữ quá lâu; việc vừa làm chưa được lưu. "
    "Đóng các cửa sổ motcua khác đang mở kho này rồi làm lại",
    "{file}: another program held the dossier store too long; what was just done is not "
    "saved. Close the other motcua windows using this store, then do it again",
)
STORE_NEWER = Message(
    "{file}: kho hồ sơ do một phiên bản motcua mới hơn ghi; phiên bản này không mở được. Cán bộ "
    "IT cài phiên bản mới",
    "{file}: the dossier store was written by a newer motcua; this version cannot open it. IT "
    "staff install the newer version",
)
BACKUP_UNVERIFIED = Message(
    "{file}: bản sao lưu vừa ghi không qua được bước kiểm tra nên đã bị xoá; kho hồ sơ vẫn như "
    "cũ. Cán bộ IT kiểm tra ổ đĩa và thư mục sao lưu rồi làm lại",
    "{file}: the backup just written did not pass its check and was removed; the dossier store "
    "is as it was. IT staff check the disk and the backups folder, then do it again",
)
RESERVE_HELD = Message(
    "Mã hồ sơ: kho hồ sơ {file} mới được khôi phục hoặc tạo mới và chưa đối chiếu với cơ sở dữ "
    "liệu trung tâm, nên chưa cấp mã từ dải số dự phòng của quầy (để không cấp trùng mã đã cấp); "
    "hồ sơ chưa được lưu. Cán bộ IT kết nối cơ sở dữ liệu trung tâm (motcua sync --url URL) rồi "
    "chạy: motcua store check",
    "Dossier code: the dossier store {file} was just restored or started anew and has not "
    "caught up with the central database, so no code is given from the counter's reserve (so "
    "that no code is issued twice); the dossier is not stored. IT staff connect the central "
    "database (motcua sync --url URL), then run: motcua store check",
)
NO_SUCH_BACKUP = Message("{file}: không có tệp sao lưu này", "{file}: no such backup file")
BACKUP_UNUSABLE = Message(
    "{file}: không phải bản sao lưu dùng được của kho hồ sơ (tệp hỏng, rỗng hoặc không phải kho "
    "hồ sơ); kho hiện tại được giữ nguyên. Chọn một bản sao lưu khác",
    "{file}: not a usable backup of the dossier store (damaged, empty or not a store); the "
    "current store is kept as it is. Choose another backup",
)
BACKUP_NEWER = Message(
    "{file}: bản sao lưu do một phiên bản motcua mới hơn ghi; phiên bản này không khôi phục "
    "được, kho hiện tại được giữ nguyên",
    "{file}: the backup was written by a newer motcua; this version cannot restore it, the "
    "current store is kept as it is",
)
BACKUP_OTHER_COUNTER = Message(
    "{file}: đây là bản sao lưu của kho {found}, không phải của kho {identity} của quầy này; "
    "không khôi phục. Chọn một bản sao lưu của chính quầy này",
    "{file}: this is a backup of store {found}, not of this counter's store {identity}; nothing "
    "is restored. Choose a backup of this counter",
)
NO_IDENTITY = Message("không rõ", "unknown")
