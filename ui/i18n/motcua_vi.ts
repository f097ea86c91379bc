<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>motcua — One-stop counter</source>
        <translation>motcua — Bộ phận tiếp nhận và trả kết quả</translation>
    </message>
    <message>
        <source>&amp;Procedures</source>
        <translation>&amp;Thủ tục hành chính</translation>
    </message>
    <message>
        <source>Catalogue {version}, in force from {day}</source>
        <translation>Danh mục thủ tục {version}, hiệu lực từ {day}</translation>
    </message>
    <message>
        <source>Dossier items</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Điều kiện thực hiện</translation>
    </message>
    <message>
        <source>Processing time and fee</source>
        <translation>Thời gian xử lý và lệ phí</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <source>The catalogue cannot be used</source>
        <translation>Không dùng được danh mục thủ tục</translation>
    </message>
</context>
</TS>
