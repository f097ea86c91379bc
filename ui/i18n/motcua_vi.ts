<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../about_dialog.py" line="28"/>
        <source>About motcua</source>
        <translation>Giới thiệu motcua</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="40"/>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../setup_assistant.py" line="154"/>
        <source>Step {n} of {count}: {title}</source>
        <translation>Bước {n}/{count}: {title}</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="157"/>
        <source>The first IT staff account</source>
        <translation>Tài khoản cán bộ IT đầu tiên</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="161"/>
        <source>Nobody can sign in at this counter yet. Create the account of the IT staff member setting it up; they then add the officers&apos; accounts.</source>
        <translation>Chưa ai đăng nhập được tại quầy này. Hãy tạo tài khoản cho cán bộ IT đang cài đặt quầy; sau đó cán bộ IT thêm tài khoản cho các cán bộ tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="180"/>
        <source>&amp;Login</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="182"/>
        <source>&amp;Full name</source>
        <translation>&amp;Họ và tên</translation>
    </message>
</context>
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../forms.py" line="106"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../forms.py" line="107"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../forms.py" line="108"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../forms.py" line="110"/>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../forms.py" line="113"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../forms.py" line="113"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../forms.py" line="117"/>
        <source>Nationality</source>
        <translation>Quốc tịch</translation>
    </message>
    <message>
        <location filename="../forms.py" line="120"/>
        <source>Identity document</source>
        <translation>Giấy tờ tùy thân</translation>
    </message>
    <message>
        <location filename="../forms.py" line="124"/>
        <source>Citizen ID card</source>
        <translation>Thẻ căn cước / CCCD</translation>
    </message>
    <message>
        <location filename="../forms.py" line="125"/>
        <source>Old ID card</source>
        <translation>Chứng minh nhân dân</translation>
    </message>
    <message>
        <location filename="../forms.py" line="126"/>
        <source>Passport</source>
        <translation>Hộ chiếu</translation>
    </message>
    <message>
        <location filename="../forms.py" line="131"/>
        <source>Document number</source>
        <translation>Số giấy tờ</translation>
    </message>
    <message>
        <location filename="../forms.py" line="133"/>
        <source>Issued on</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="134"/>
        <source>Address</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <location filename="../forms.py" line="135"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../forms.py" line="136"/>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../approval.py" line="53"/>
        <source>Approval needed</source>
        <translation>Cần người có thẩm quyền duyệt</translation>
    </message>
    <message>
        <location filename="../approval.py" line="60"/>
        <source>A supervisor or IT staff member who may do this signs in here for this action only; {login} stays signed in.</source>
        <translation>Cán bộ giám sát hoặc cán bộ IT có quyền làm việc này đăng nhập tại đây, chỉ cho thao tác này; {login} vẫn giữ phiên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../approval.py" line="73"/>
        <source>&amp;Login</source>
        <translation>Tên đăng &amp;nhập</translation>
    </message>
    <message>
        <location filename="../approval.py" line="75"/>
        <source>&amp;Password</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <location filename="../approval.py" line="83"/>
        <source>&amp;Approve</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <location filename="../approval.py" line="85"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../approval.py" line="103"/>
        <source>Type the login and the password of who approves.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu của người duyệt.</translation>
    </message>
</context>
<context>
    <name>CameraSourceField</name>
    <message>
        <location filename="../settings_widgets.py" line="387"/>
        <source>Videos (*.avi *.mp4 *.mkv *.mov *.wmv *.webm)</source>
        <translation>Tệp phim (*.avi *.mp4 *.mkv *.mov *.wmv *.webm)</translation>
    </message>
    <message>
        <location filename="../settings_widgets.py" line="389"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <location filename="../card_page.py" line="129"/>
        <source>All records</source>
        <translation>Tất cả hồ sơ</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="130"/>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="131"/>
        <source>Failing</source>
        <translation>Chưa đạt</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="132"/>
        <source>Exported</source>
        <translation>Đã xuất</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="133"/>
        <source>Acknowledged</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="137"/>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="141"/>
        <source>every day</source>
        <translation>mọi ngày</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="145"/>
        <source>Received on da&amp;y</source>
        <translation>Tiếp nhận ngà&amp;y</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="163"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="164"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="165"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="166"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="167"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="168"/>
        <source>Batch</source>
        <translation>Lô</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="169"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="202"/>
        <source>Export a batch…</source>
        <translation>Xuất một lô…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="205"/>
        <source>Import the operator&apos;s answers…</source>
        <translation>Nhập phản hồi của đơn vị in thẻ…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="208"/>
        <source>Verify a batch…</source>
        <translation>Kiểm tra một lô…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="211"/>
        <source>Export again…</source>
        <translation>Cho xuất lại…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="288"/>
        <source>{text} is not a date: type it as 23/11/2026.</source>
        <translation>{text} không phải là ngày: hãy gõ theo dạng 23/11/2026.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="310"/>
        <source>{n} record(s): {ready} ready, {failing} failing, {exported} exported, {acknowledged} acknowledged.</source>
        <translation>{n} hồ sơ: {ready} sẵn sàng, {failing} chưa đạt, {exported} đã xuất, {acknowledged} đã nhận.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="320"/>
        <source>No accepted dossier of a procedure that makes a card.</source>
        <translation>Không có hồ sơ đã tiếp nhận nào của thủ tục có kết quả là thẻ giấy phép lái xe.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="358"/>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="359"/>
        <source>failing</source>
        <translation>chưa đạt</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="360"/>
        <source>exported</source>
        <translation>đã xuất</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="361"/>
        <source>acknowledged</source>
        <translation>đã nhận</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="384"/>
        <source>No record in this list.</source>
        <translation>Danh sách này không có hồ sơ nào.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="384"/>
        <source>No record.</source>
        <translation>Không có hồ sơ nào.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="390"/>
        <source>{code} stays out of a batch until this is put right:</source>
        <translation>Hồ sơ {code} chưa được đưa vào lô cho đến khi khắc phục:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="402"/>
        <source>{code} is ready again; the operator rejected it from {batch}: {reason}</source>
        <translation>Hồ sơ {code} sẵn sàng trở lại; đơn vị in thẻ đã từ chối hồ sơ trong lô {batch}: {reason}</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="405"/>
        <source>{code} is ready: it goes into the next batch.</source>
        <translation>Hồ sơ {code} sẵn sàng: sẽ vào lô tiếp theo.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="406"/>
        <source>{code}: {state} in batch {batch}.</source>
        <translation>Hồ sơ {code}: {state} trong lô {batch}.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="440"/>
        <source>No record is ready to export in this list.</source>
        <translation>Không có hồ sơ nào sẵn sàng để xuất trong danh sách này.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="442"/>
        <source>Where the batch folder goes</source>
        <translation>Thư mục để ghi lô dữ liệu in thẻ</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="470"/>
        <source>Writing the card data batch…</source>
        <translation>Đang ghi lô dữ liệu in thẻ…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="474"/>
        <source>Batch {batch} written in {folder}: {n} record(s).</source>
        <translation>Đã ghi lô {batch} vào {folder}: {n} hồ sơ.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="481"/>
        <source>Left out, failing: {records}</source>
        <translation>Chưa đưa vào lô vì chưa đạt: {records}</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="489"/>
        <source>and {n} more (show: Failing).</source>
        <translation>và {n} hồ sơ khác (xem: Chưa đạt).</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="496"/>
        <source>The operator&apos;s answer file</source>
        <translation>Tệp phản hồi của đơn vị in thẻ</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="497"/>
        <source>Answer file: code, result, reason (*.csv *.txt)</source>
        <translation>Tệp phản hồi: mã hồ sơ, kết quả, lý do (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="521"/>
        <source>Recording the operator&apos;s answers…</source>
        <translation>Đang ghi nhận phản hồi của đơn vị in thẻ…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="526"/>
        <source>Answers of batch {batch}:</source>
        <translation>Phản hồi cho lô {batch}:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="527"/>
        <source>{n} acknowledged;</source>
        <translation>{n} đã nhận;</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="528"/>
        <source>{n} rejected, back on the list with the operator&apos;s reason{codes};</source>
        <translation>{n} bị từ chối, trở lại danh sách kèm lý do của đơn vị in thẻ{codes};</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="531"/>
        <source>{n} answered the same before.</source>
        <translation>{n} đã có cùng phản hồi từ trước.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="543"/>
        <source>The batch folder to verify</source>
        <translation>Thư mục lô cần kiểm tra</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="560"/>
        <source>Verifying the batch…</source>
        <translation>Đang kiểm tra lô…</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="567"/>
        <source>Batch {batch} is whole: its signature, its link to the batch before, its checksums and its records are right.</source>
        <translation>Lô {batch} nguyên vẹn: chữ ký, liên kết với lô trước, tổng kiểm và các bản ghi đều đúng.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="573"/>
        <source>Batch {batch} is not whole:</source>
        <translation>Lô {batch} không nguyên vẹn:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="576"/>
        <source>and {n} more.</source>
        <translation>và {n} vấn đề khác.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="606"/>
        <source>{code} may be exported again: it goes into the next batch.</source>
        <translation>Hồ sơ {code} được cho xuất lại: sẽ vào lô tiếp theo.</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../forms.py" line="408"/>
        <source>Case details</source>
        <translation>Thông tin theo trường hợp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="412"/>
        <source>Permanent residence card</source>
        <translation>Thẻ thường trú</translation>
    </message>
    <message>
        <location filename="../forms.py" line="415"/>
        <location filename="../forms.py" line="433"/>
        <source>— not checked —</source>
        <translation>— chưa kiểm tra —</translation>
    </message>
    <message>
        <location filename="../forms.py" line="415"/>
        <location filename="../forms.py" line="433"/>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location filename="../forms.py" line="415"/>
        <location filename="../forms.py" line="433"/>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <location filename="../forms.py" line="421"/>
        <source>Residence permit (months)</source>
        <translation>Thời hạn cư trú (tháng)</translation>
    </message>
    <message>
        <location filename="../forms.py" line="426"/>
        <source>Months lived abroad</source>
        <translation>Thời gian ở nước ngoài (tháng)</translation>
    </message>
    <message>
        <location filename="../forms.py" line="430"/>
        <source>Stay abroad covers the driver training</source>
        <translation>Thời gian lưu trú phù hợp thời gian đào tạo lái xe</translation>
    </message>
    <message>
        <location filename="../forms.py" line="439"/>
        <source>Highest qualification</source>
        <translation>Trình độ cao nhất</translation>
    </message>
    <message>
        <location filename="../forms.py" line="448"/>
        <source>Left the service as</source>
        <translation>Thôi phục vụ (diện)</translation>
    </message>
    <message>
        <location filename="../forms.py" line="454"/>
        <source>Decision signed on</source>
        <translation>Ngày ký quyết định</translation>
    </message>
    <message>
        <location filename="../forms.py" line="465"/>
        <source>Instructor certificate number</source>
        <translation>Số giấy chứng nhận giáo viên</translation>
    </message>
    <message>
        <location filename="../forms.py" line="461"/>
        <source>Never issued an instructor certificate</source>
        <translation>Chưa được cấp giấy chứng nhận giáo viên</translation>
    </message>
    <message>
        <location filename="../forms.py" line="469"/>
        <source>Certificate issued on</source>
        <translation>Ngày cấp giấy chứng nhận</translation>
    </message>
    <message>
        <location filename="../forms.py" line="477"/>
        <source>Separate time-limited and unlimited classes</source>
        <translation>Tách GPLX có thời hạn và không thời hạn</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../catalogue_page.py" line="40"/>
        <source>&amp;Procedures</source>
        <translation>&amp;Thủ tục hành chính</translation>
    </message>
    <message>
        <location filename="../catalogue_page.py" line="50"/>
        <source>Catalogue {version}, in force from {day}</source>
        <translation>Danh mục thủ tục {version}, hiệu lực từ {day}</translation>
    </message>
    <message>
        <location filename="../catalogue_page.py" line="80"/>
        <source>Dossier items</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../catalogue_page.py" line="92"/>
        <source>Conditions</source>
        <translation>Điều kiện thực hiện</translation>
    </message>
    <message>
        <location filename="../catalogue_page.py" line="96"/>
        <source>Processing time and fee</source>
        <translation>Thời gian xử lý và lệ phí</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../change_password.py" line="117"/>
        <source>Choose a new password</source>
        <translation>Chọn mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../change_password.py" line="123"/>
        <source>{login}: your password was set by IT staff. Choose your own before you start; nobody else should know it.</source>
        <translation>{login}: mật khẩu của bạn do cán bộ IT đặt. Hãy chọn mật khẩu của riêng bạn trước khi bắt đầu; không ai khác được biết mật khẩu này.</translation>
    </message>
    <message>
        <location filename="../change_password.py" line="137"/>
        <source>&amp;Change the password</source>
        <translation>&amp;Lưu mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../change_password.py" line="138"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ChecklistTable</name>
    <message>
        <location filename="../checklist.py" line="70"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location filename="../checklist.py" line="71"/>
        <source>Document</source>
        <translation>Tên hồ sơ</translation>
    </message>
    <message>
        <location filename="../checklist.py" line="73"/>
        <source>Handed in: G original,
S copy+orig., T certified,
D digital, P photo, N none</source>
        <translation>Đã nộp: G bản chính,
S sao kèm chính, T chứng thực,
D điện tử, P bản chụp, N không</translation>
    </message>
    <message>
        <location filename="../checklist.py" line="75"/>
        <source>Qty
(0–9)</source>
        <translation>SL
(0–9)</translation>
    </message>
    <message>
        <location filename="../checklist.py" line="76"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../sign_in.py" line="106"/>
        <source>Too many failed attempts: try again in {n} s</source>
        <translation>Đã nhập sai nhiều lần: hãy thử lại sau {n} giây</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="23"/>
        <source>Receiving point not set</source>
        <translation>Chưa đặt điểm tiếp nhận</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="24"/>
        <source>Counter {n}</source>
        <translation>Quầy {n}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="61"/>
        <source>Camera: not found, retrying</source>
        <translation>Camera: không tìm thấy, đang thử lại</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="30"/>
        <location filename="../status_bar.py" line="100"/>
        <source>Central database: not connected</source>
        <translation>CSDL trung tâm: chưa kết nối</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="45"/>
        <source>Nobody signed in</source>
        <translation>Chưa có ai đăng nhập</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="54"/>
        <source>Printer: {name}</source>
        <translation>Máy in: {name}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="54"/>
        <source>Printer: none</source>
        <translation>Máy in: không có</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="60"/>
        <source>Camera: on</source>
        <translation>Camera: đang bật</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="63"/>
        <source>Camera: off</source>
        <translation>Camera: tắt</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="71"/>
        <source>shipped</source>
        <translation>đi kèm chương trình</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="72"/>
        <source>centre</source>
        <translation>trung tâm</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="77"/>
        <source>Catalogue: none in force</source>
        <translation>Danh mục: không có phiên bản đang áp dụng</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="79"/>
        <source>Catalogue {version} #{hash} ({origin})</source>
        <translation>Danh mục {version} #{hash} ({origin})</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="84"/>
        <source> · days off {version}</source>
        <translation> · ngày nghỉ {version}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="87"/>
        <source> — update the program</source>
        <translation> — cần cập nhật chương trình</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="106"/>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="108"/>
        <source>Sync: {pending} waiting, last {last}</source>
        <translation>Đồng bộ: {pending} chờ gửi, lần cuối {last}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="112"/>
        <source>, {n} refused by the centre</source>
        <translation>, {n} bị trung tâm từ chối</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="115"/>
        <source> — connection not verified</source>
        <translation> — kết nối chưa được xác thực</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="117"/>
        <source> — error: {error}</source>
        <translation> — lỗi: {error}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="123"/>
        <source>The central database&apos;s certificate is not checked: the connection could be read or altered on the way. IT staff: add sslmode=verify-full to its address.</source>
        <translation>Chứng chỉ của cơ sở dữ liệu trung tâm không được kiểm tra: dữ liệu trên đường truyền có thể bị đọc hoặc sửa. Cán bộ IT: thêm sslmode=verify-full vào địa chỉ của nó.</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <location filename="../day_close_dialog.py" line="56"/>
        <source>Close the day {day} at counter {counter}</source>
        <translation>Chốt ngày {day} tại quầy {counter}</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="61"/>
        <source>the store passes its own check;</source>
        <translation>kho dữ liệu qua được bước tự kiểm tra;</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="63"/>
        <source>every dossier of the day is complete: an accepted one has its code and due date, each round its checklist and its paper printed;</source>
        <translation>mọi hồ sơ trong ngày đều đủ: hồ sơ đã tiếp nhận có mã hồ sơ và ngày hẹn trả, mỗi lượt tiếp nhận có danh mục giấy tờ và đã in phiếu;</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="67"/>
        <source>the day&apos;s codes have no gap, unless a void or the centre&apos;s refusal explains it;</source>
        <translation>số hồ sơ trong ngày không bị bỏ trống, trừ khi do hồ sơ bị hủy hoặc trung tâm từ chối;</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="72"/>
        <source>every operation of the day&apos;s dossiers has reached the centre;</source>
        <translation>mọi thao tác của hồ sơ trong ngày đã tới trung tâm;</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="73"/>
        <source>the centre&apos;s count and digest of the day&apos;s dossiers equal the counter&apos;s.</source>
        <translation>số hồ sơ và mã băm của ngày tại trung tâm khớp với quầy.</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="76"/>
        <source>(no central database: the close is this counter&apos;s only.)</source>
        <translation>(không có cơ sở dữ liệu trung tâm: chỉ chốt ngày tại quầy này.)</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="78"/>
        <source>Before the day {day} is closed, the program checks that:</source>
        <translation>Trước khi chốt ngày {day}, chương trình kiểm tra:</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="85"/>
        <source>Once closed, nothing can be received, returned with papers, re-appointed or voided dated on that day at this counter; its dossiers change only through a supervisor&apos;s recorded correction.</source>
        <translation>Sau khi chốt, quầy này không còn tiếp nhận, nhận bổ sung, hẹn lại hay hủy hồ sơ mang ngày đó; hồ sơ của ngày chỉ thay đổi qua đính chính có ghi nhận của lãnh đạo.</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="109"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="111"/>
        <source>&amp;Close the day</source>
        <translation>&amp;Chốt ngày</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="115"/>
        <source>Print the &amp;register page…</source>
        <translation>In trang &amp;sổ theo dõi…</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="118"/>
        <source>Print the day &amp;summary…</source>
        <translation>In &amp;tổng hợp ngày…</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="146"/>
        <source>Checking the day…</source>
        <translation>Đang kiểm tra ngày…</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="156"/>
        <source>The day {day} was already closed at {at} by {officer}.</source>
        <translation>Ngày {day} đã được chốt trước đó lúc {at} ({officer}).</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="158"/>
        <source>The day {day} is closed at {at} by {officer}.</source>
        <translation>Đã chốt ngày {day} lúc {at} ({officer}).</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="164"/>
        <source>{count} dossier(s) of the day; digest {digest}…</source>
        <translation>{count} hồ sơ của ngày; mã băm {digest}…</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="172"/>
        <source>Gaps explained: {gaps}.</source>
        <translation>Số bỏ trống có lý do: {gaps}.</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="173"/>
        <source>Print the day&apos;s register page and summary to sign.</source>
        <translation>In trang sổ theo dõi và tổng hợp của ngày để ký.</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="177"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="186"/>
        <source>voided</source>
        <translation>hồ sơ đã hủy</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="188"/>
        <source>refused by the centre</source>
        <translation>trung tâm từ chối</translation>
    </message>
    <message>
        <location filename="../day_close_dialog.py" line="198"/>
        <source>The day {day} stays open: {n} reason(s).</source>
        <translation>Chưa chốt được ngày {day}: {n} lý do.</translation>
    </message>
</context>
<context>
    <name>DossierListDialog</name>
    <message>
        <location filename="../statistics_page.py" line="245"/>
        <source>Part of a code, to narrow the list</source>
        <translation>Một phần mã hồ sơ, để lọc danh sách</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="274"/>
        <source>No dossier behind this number.</source>
        <translation>Không có hồ sơ nào ứng với số này.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="290"/>
        <source>{shown} of {n} dossier(s)</source>
        <translation>{shown} / {n} hồ sơ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="322"/>
        <source>Dossier {code} is not in this counter&apos;s store.</source>
        <translation>Hồ sơ {code} không có trong dữ liệu của quầy này.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="333"/>
        <source>Received: {moment}</source>
        <translation>Tiếp nhận: {moment}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="334"/>
        <source>Result due: {moment}</source>
        <translation>Hẹn trả kết quả: {moment}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="335"/>
        <source>Status: {status}</source>
        <translation>Trạng thái: {status}</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../forward_dialog.py" line="68"/>
        <source>Forward to the processing unit</source>
        <translation>Chuyển hồ sơ cho phòng chuyên môn</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="76"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="77"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="78"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="79"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="80"/>
        <source>Forward by</source>
        <translation>Chuyển trước</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="100"/>
        <source>Mark forwarded and print the hand-over list</source>
        <translation>Ghi đã chuyển và in danh sách bàn giao</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="143"/>
        <source> (late)</source>
        <translation> (trễ)</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="154"/>
        <source>{n} dossier(s) still to forward, {late} of them late.</source>
        <translation>Còn {n} hồ sơ chưa chuyển cho phòng chuyên môn, {late} hồ sơ đã trễ.</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="159"/>
        <source>Every dossier received has been forwarded.</source>
        <translation>Mọi hồ sơ đã tiếp nhận đều đã được chuyển.</translation>
    </message>
    <message>
        <location filename="../forward_dialog.py" line="191"/>
        <source>{n} dossier(s) marked forwarded.</source>
        <translation>Đã ghi {n} hồ sơ là đã chuyển.</translation>
    </message>
</context>
<context>
    <name>HandBackPage</name>
    <message>
        <location filename="../hand_back_page.py" line="196"/>
        <source>Scan BM 01 (barcode or QR), type the code, or the ID document number</source>
        <translation>Quét giấy tiếp nhận BM 01 (mã vạch hoặc QR), gõ mã hồ sơ, hoặc số giấy tờ tùy thân</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="200"/>
        <source>Results from the processing unit…</source>
        <translation>Nhận kết quả từ phòng chuyên môn…</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="205"/>
        <source>Forward to the processing unit…</source>
        <translation>Chuyển hồ sơ cho phòng chuyên môn…</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="240"/>
        <source>Scan the QR code on the ID card, or type the number</source>
        <translation>Quét mã QR trên thẻ căn cước, hoặc gõ số giấy tờ</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="251"/>
        <source>Number or reference of the authorisation</source>
        <translation>Số hoặc ký hiệu của giấy ủy quyền</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="254"/>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="265"/>
        <source>e.g. VNPost</source>
        <translation>ví dụ: VNPost</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="284"/>
        <source>Why BM 01 is not presented</source>
        <translation>Lý do không xuất trình được BM 01</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="289"/>
        <source>Collector&apos;s &amp;ID document:</source>
        <translation>Giấy tờ tùy thân người &amp;nhận:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="292"/>
        <source>&amp;Authorisation:</source>
        <translation>Giấy ủy &amp;quyền:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="297"/>
        <source>P&amp;hone:</source>
        <translation>Điện thoạ&amp;i:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="298"/>
        <source>Postal ser&amp;vice:</source>
        <translation>Dịch &amp;vụ bưu chính:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="299"/>
        <source>Postal item n&amp;umber:</source>
        <translation>Số hiệ&amp;u bưu gửi:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="255"/>
        <source>Certi&amp;fied (notarised or authenticated)</source>
        <translation>Có côn&amp;g chứng, chứng thực</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="277"/>
        <source>Why the unticked originals are kept</source>
        <translation>Lý do giữ lại các bản chính không đánh dấu</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="278"/>
        <source>&amp;BM 01 presented</source>
        <translation>Có &amp;xuất trình giấy tiếp nhận (BM 01)</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="288"/>
        <source>Ha&amp;nded to:</source>
        <translation>Trả &amp;cho:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="291"/>
        <source>&amp;Proxy&apos;s name:</source>
        <translation>Họ tên người được ủ&amp;y quyền:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="293"/>
        <source>Authorisation dat&amp;e:</source>
        <translation>Ngày &amp;ký giấy ủy quyền:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="295"/>
        <source>Recipient&apos;s na&amp;me:</source>
        <translation>Người nhận &amp;bưu gửi:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="296"/>
        <source>Addre&amp;ss:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="300"/>
        <source>Originals handed back:</source>
        <translation>Bản chính trả lại:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="301"/>
        <source>Reason kept:</source>
        <translation>Lý do giữ lại:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="303"/>
        <source>Reason BM 01 is missin&amp;g:</source>
        <translation>&amp;Lý do không có BM 01:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="307"/>
        <source>Hand over</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="314"/>
        <source>Hand over and print</source>
        <translation>Trả kết quả và in phiếu</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="352"/>
        <source> and {n} more</source>
        <translation> và {n} hồ sơ khác</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="354"/>
        <source>Results set ready by the processing unit ({n}): {codes}</source>
        <translation>Hồ sơ phòng chuyên môn báo đã có kết quả ({n}): {codes}</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="405"/>
        <source>No dossier found for what was scanned or typed.</source>
        <translation>Không tìm thấy hồ sơ nào theo nội dung đã quét hoặc gõ.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="407"/>
        <source>Several dossiers: choose one (arrows, then Enter).</source>
        <translation>Có nhiều hồ sơ: chọn một hồ sơ (phím mũi tên, rồi Enter).</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="461"/>
        <source>Scan the applicant&apos;s BM 01, or type its code or the applicant&apos;s ID document number, then Enter.</source>
        <translation>Quét giấy tiếp nhận BM 01 của người nộp, hoặc gõ mã hồ sơ hay số giấy tờ tùy thân của người nộp, rồi nhấn Enter.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="472"/>
        <source>Received: {moment}</source>
        <translation>Tiếp nhận: {moment}</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="473"/>
        <source>Status: {status}</source>
        <translation>Trạng thái: {status}</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="474"/>
        <source>Result due: {moment}</source>
        <translation>Hẹn trả kết quả: {moment}</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="476"/>
        <source>To hand back:</source>
        <translation>Giấy tờ giao trả:</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="477"/>
        <source>Result: {result}</source>
        <translation>Kết quả: {result}</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="480"/>
        <source>The applicant asked for the result by post.</source>
        <translation>Người nộp đã đăng ký nhận kết quả qua bưu chính.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="571"/>
        <source>By post: the recipient, address, postal service and item number, then {key}.</source>
        <translation>Qua bưu chính: người nhận, địa chỉ, dịch vụ bưu chính và số hiệu bưu gửi, rồi nhấn {key}.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="574"/>
        <source>Ready to hand over. Scan the collector&apos;s ID card, then {key}.</source>
        <translation>Sẵn sàng trả kết quả. Quét thẻ căn cước của người nhận, rồi nhấn {key}.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="632"/>
        <source>{who}: the applicant&apos;s identity document.</source>
        <translation>{who}: giấy tờ tùy thân của người nộp hồ sơ.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="639"/>
        <source>{who}: the proxy&apos;s identity document.</source>
        <translation>{who}: giấy tờ tùy thân của người được ủy quyền.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="642"/>
        <source>{who}: not the applicant&apos;s identity document. Choose “to a proxy” under Handed to, or check it.</source>
        <translation>{who}: không phải giấy tờ tùy thân của người nộp hồ sơ. Chọn «cho người được ủy quyền» ở mục Trả cho, hoặc kiểm tra lại.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="635"/>
        <source>{key}: hand the result over.</source>
        <translation>Nhấn {key} để trả kết quả.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="707"/>
        <source>Authorisation date: type day/month/year.</source>
        <translation>Ngày ký giấy ủy quyền: gõ ngày/tháng/năm.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="712"/>
        <source>Originals kept: the reason is required (it is printed on the receipt).</source>
        <translation>Bản chính giữ lại: cần ghi lý do (lý do được in trên phiếu giao nhận).</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="737"/>
        <source>Handing over…</source>
        <translation>Đang ghi nhận việc trả kết quả…</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="745"/>
        <source>Handed over: {code}, {method}, {receiver}, at {moment}.</source>
        <translation>Đã trả kết quả: {code}, {method}, {receiver}, lúc {moment}.</translation>
    </message>
    <message>
        <location filename="../hand_back_page.py" line="756"/>
        <source>Handed over: {code}. The paper could not be made: {reason}</source>
        <translation>Đã trả kết quả: {code}. Không in được phiếu: {reason}</translation>
    </message>
</context>
<context>
    <name>IdCardInput</name>
    <message>
        <location filename="../idcard_input.py" line="39"/>
        <source>Scan the QR code on the citizen ID card</source>
        <translation>Quét mã QR trên thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../idcard_input.py" line="63"/>
        <source>ID card read; the applicant&apos;s fields are filled in.</source>
        <translation>Đã đọc thẻ căn cước; thông tin người nộp đã được điền.</translation>
    </message>
</context>
<context>
    <name>LateResultsPage</name>
    <message>
        <location filename="../late_results_page.py" line="67"/>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="68"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="69"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="70"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="71"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="88"/>
        <location filename="../late_results_page.py" line="96"/>
        <source>New due date (re-appointment)</source>
        <translation>Hẹn lại ngày trả kết quả</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="139"/>
        <source> (overdue)</source>
        <translation> (quá hạn)</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="141"/>
        <source>, re-appointed</source>
        <translation>, đã hẹn lại</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="151"/>
        <source>{n} result(s) due within a working day and not ready, {late} of them overdue. Announce a late result a day before its due date: Enter or {key} on a row.</source>
        <translation>{n} hồ sơ đến hạn trong một ngày làm việc mà chưa có kết quả, {late} hồ sơ đã quá hạn. Thông báo trễ hẹn trước ngày hẹn trả ít nhất một ngày: Enter hoặc {key} trên một dòng.</translation>
    </message>
    <message>
        <location filename="../late_results_page.py" line="159"/>
        <source>No result is due within a working day without being ready.</source>
        <translation>Không có hồ sơ nào đến hạn trong một ngày làm việc mà chưa có kết quả.</translation>
    </message>
</context>
<context>
    <name>LicencePanel</name>
    <message>
        <location filename="../forms.py" line="190"/>
        <source>Issuing country</source>
        <translation>Nước cấp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="191"/>
        <source>type a name or code: KR</source>
        <translation>gõ tên nước hoặc mã: KR</translation>
    </message>
    <message>
        <location filename="../forms.py" line="147"/>
        <source>Licence held</source>
        <translation>Giấy phép lái xe đang có</translation>
    </message>
    <message>
        <location filename="../forms.py" line="153"/>
        <source>Licence number</source>
        <translation>Số GPLX</translation>
    </message>
    <message>
        <location filename="../forms.py" line="154"/>
        <source>Classes</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <location filename="../forms.py" line="157"/>
        <source>Issued on</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="158"/>
        <source>Expires on</source>
        <translation>Có giá trị đến</translation>
    </message>
    <message>
        <location filename="../forms.py" line="161"/>
        <source>Checked in the licence register</source>
        <translation>Tra cứu hệ thống quản lý GPLX</translation>
    </message>
    <message>
        <location filename="../forms.py" line="165"/>
        <source>— not checked —</source>
        <translation>— chưa kiểm tra —</translation>
    </message>
    <message>
        <location filename="../forms.py" line="166"/>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <location filename="../forms.py" line="167"/>
        <source>Not found or not matching</source>
        <translation>Không có hoặc không khớp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="172"/>
        <source>Issued by</source>
        <translation>Ngành cấp</translation>
    </message>
    <message>
        <location filename="../forms.py" line="176"/>
        <source>Transport sector</source>
        <translation>Giao thông vận tải</translation>
    </message>
    <message>
        <location filename="../forms.py" line="177"/>
        <source>Police</source>
        <translation>Công an</translation>
    </message>
    <message>
        <location filename="../forms.py" line="178"/>
        <source>Ministry of Defence</source>
        <translation>Bộ Quốc phòng</translation>
    </message>
    <message>
        <location filename="../forms.py" line="179"/>
        <source>Foreign country</source>
        <translation>Nước ngoài</translation>
    </message>
    <message>
        <location filename="../forms.py" line="183"/>
        <source>Ministry of Public Security (national licence, from 01/03/2025)</source>
        <translation>Bộ Công an (GPLX quốc gia, cấp từ 01/03/2025)</translation>
    </message>
    <message>
        <location filename="../forms.py" line="194"/>
        <source>Material</source>
        <translation>Vật liệu</translation>
    </message>
    <message>
        <location filename="../forms.py" line="195"/>
        <source>Paper</source>
        <translation>Giấy bìa</translation>
    </message>
    <message>
        <location filename="../forms.py" line="197"/>
        <source>Damaged</source>
        <translation>Bị hỏng</translation>
    </message>
    <message>
        <location filename="../forms.py" line="241"/>
        <source>— ask the applicant —</source>
        <translation>— hỏi người đề nghị —</translation>
    </message>
    <message>
        <location filename="../forms.py" line="244"/>
        <source>Class {held} b&amp;ecomes under {law}</source>
        <translation>Hạng {held} đổi san&amp;g theo {law}</translation>
    </message>
    <message>
        <location filename="../forms.py" line="150"/>
        <source>Holds no driving licence</source>
        <translation>Không có giấy phép lái xe</translation>
    </message>
    <message>
        <location filename="../forms.py" line="156"/>
        <source>B1 automatic o&amp;nly</source>
        <translation>Hạng B1 số tự độ&amp;ng</translation>
    </message>
    <message>
        <location filename="../forms.py" line="198"/>
        <source>Erased or torn beyond reading</source>
        <translation>Bị tẩy xóa, rách nát</translation>
    </message>
    <message>
        <location filename="../forms.py" line="200"/>
        <source>Holder does not match the licence</source>
        <translation>Khác biệt về nhận dạng</translation>
    </message>
    <message>
        <location filename="../forms.py" line="204"/>
        <source>Classes requested</source>
        <translation>Hạng đề nghị đổi/cấp</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../lock_screen.py" line="66"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="70"/>
        <source>S&amp;witch officer…</source>
        <translation>Đổi cán &amp;bộ…</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="74"/>
        <source>&amp;Password</source>
        <translation>Mật &amp;khẩu</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="113"/>
        <source>This counter is locked</source>
        <translation>Quầy đang khóa</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="114"/>
        <source>{name} ({login}) is signed in. Type the password to go on.</source>
        <translation>{name} ({login}) đang đăng nhập. Nhập mật khẩu để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="117"/>
        <source>Locked after a time without activity. {name} ({login}) is signed in. Type the password to go on.</source>
        <translation>Đã khóa vì một thời gian không thao tác. {name} ({login}) đang đăng nhập. Nhập mật khẩu để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="132"/>
        <source>Switching officer</source>
        <translation>Đang đổi cán bộ</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="135"/>
        <source>The next officer signs in. {login} stays signed in, and the screen kept, until they have.</source>
        <translation>Cán bộ tiếp theo đăng nhập. {login} vẫn giữ phiên đăng nhập và màn hình được giữ nguyên cho đến khi cán bộ tiếp theo đăng nhập xong.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="146"/>
        <source>Nobody is signed in</source>
        <translation>Chưa có ai đăng nhập</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="158"/>
        <source>Type the password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>motcua — One-stop counter</source>
        <translation>motcua — Bộ phận tiếp nhận và trả kết quả</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133"/>
        <source>&amp;Receive</source>
        <translation>&amp;Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="134"/>
        <source>&amp;Today&apos;s dossiers</source>
        <translation>&amp;Hồ sơ hôm nay</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="135"/>
        <source>&amp;Catalogue</source>
        <translation>&amp;Danh mục</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>Hand &amp;over results</source>
        <translation>T&amp;rả kết quả</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>&amp;Due soon</source>
        <translation>&amp;Sắp trễ hẹn</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>Statistics</source>
        <translation>Thống &amp;kê</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>Card data</source>
        <translation>Dữ liệu in thẻ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>Forward to the processing unit…</source>
        <translation>Chuyển hồ sơ cho phòng chuyên môn…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>Results from the processing unit…</source>
        <translation>Nhận kết quả từ phòng chuyên môn…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>Lock now</source>
        <translation>Khóa màn hình</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>Today&apos;s trail…</source>
        <translation>Nhật ký thao tác hôm nay…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source>Close the day…</source>
        <translation>Chốt ngày…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <source>Switch officer…</source>
        <translation>Đổi cán bộ…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202"/>
        <source>About motcua…</source>
        <translation>Giới thiệu motcua…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="319"/>
        <source>Session ▾</source>
        <translation>Phiên làm việc ▾</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="322"/>
        <source>Lock ({lock}), switch officer ({switch}), sign out ({out})</source>
        <translation>Khóa ({lock}), đổi cán bộ ({switch}), đăng xuất ({out})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="416"/>
        <source>No activity: this counter locks in {n} s. Press a key or move the mouse to stay signed in.</source>
        <translation>Không có thao tác: quầy sẽ khóa sau {n} giây. Nhấn một phím hoặc di chuyển chuột để tiếp tục làm việc.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="499"/>
        <source>Discard the unsaved dossier?</source>
        <translation>Bỏ hồ sơ chưa lưu?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="506"/>
        <source>The dossier on screen has not been saved. Sign out and discard it?</source>
        <translation>Hồ sơ trên màn hình chưa được lưu. Đăng xuất và bỏ hồ sơ này?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="543"/>
        <source>The dossier on screen has not been saved. It will be discarded when the next officer signs in. Go on?</source>
        <translation>Hồ sơ trên màn hình chưa được lưu. Hồ sơ sẽ bị bỏ khi cán bộ tiếp theo đăng nhập. Tiếp tục?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="555"/>
        <source>Switch officer</source>
        <translation>Đổi cán bộ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="660"/>
        <source>Quit?</source>
        <translation>Thoát chương trình?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="661"/>
        <source>The dossier on screen has not been saved. Quit anyway?</source>
        <translation>Hồ sơ trên màn hình chưa được lưu. Vẫn thoát?</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../operations.py" line="61"/>
        <source>The disk is full: nothing was saved. Call IT staff to free space.</source>
        <translation>Ổ đĩa đã đầy: chưa lưu được gì. Đề nghị cán bộ IT giải phóng dung lượng.</translation>
    </message>
    <message>
        <location filename="../operations.py" line="64"/>
        <source>The work could not be done ({kind}). Nothing was half-saved; call IT staff.</source>
        <translation>Không thực hiện được ({kind}). Không có gì bị lưu dở; đề nghị gọi cán bộ IT.</translation>
    </message>
    <message>
        <location filename="../operations.py" line="200"/>
        <source>Not done</source>
        <translation>Chưa thực hiện</translation>
    </message>
</context>
<context>
    <name>PasswordAttempts</name>
    <message>
        <location filename="../sign_in.py" line="168"/>
        <source>You may try again now.</source>
        <translation>Bây giờ có thể thử lại.</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <location filename="../change_password.py" line="52"/>
        <source>At least {n} characters; an easy-to-remember phrase of several words is best.</source>
        <translation>Ít nhất {n} ký tự; tốt nhất là một cụm nhiều từ dễ nhớ.</translation>
    </message>
    <message>
        <location filename="../change_password.py" line="58"/>
        <source>&amp;New password</source>
        <translation>Mật khẩu &amp;mới</translation>
    </message>
    <message>
        <location filename="../change_password.py" line="60"/>
        <source>&amp;Repeat it</source>
        <translation>&amp;Nhập lại</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../settings_widgets.py" line="306"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <location filename="../settings_widgets.py" line="309"/>
        <source>F&amp;older…</source>
        <translation>T&amp;hư mục…</translation>
    </message>
    <message>
        <location filename="../settings_widgets.py" line="325"/>
        <source>Choose a file</source>
        <translation>Chọn tệp</translation>
    </message>
    <message>
        <location filename="../settings_widgets.py" line="331"/>
        <source>Choose a folder</source>
        <translation>Chọn thư mục</translation>
    </message>
</context>
<context>
    <name>PhotoPanel</name>
    <message>
        <location filename="../photo_panel.py" line="363"/>
        <source>Stop camera</source>
        <translation>Tắt máy ảnh</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="173"/>
        <location filename="../photo_panel.py" line="363"/>
        <source>Start camera</source>
        <translation>Bật máy ảnh</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="345"/>
        <source>Hold the ID card&apos;s QR code up to the camera</source>
        <translation>Mời đưa mã QR trên thẻ căn cước trước máy ảnh</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="366"/>
        <source>Camera off. A photo can be imported from a file.</source>
        <translation>Máy ảnh đang tắt. Có thể lấy ảnh từ tệp.</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="393"/>
        <source>No face to capture yet</source>
        <translation>Chưa có khuôn mặt để chụp</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="156"/>
        <location filename="../photo_panel.py" line="419"/>
        <source>Photo 3×4</source>
        <translation>Ảnh 3×4</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="150"/>
        <source>No camera picture</source>
        <translation>Chưa có hình từ máy ảnh</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="172"/>
        <location filename="../photo_panel.py" line="314"/>
        <source>Camera {number}</source>
        <translation>Máy ảnh {number}</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="174"/>
        <source>Capture</source>
        <translation>Chụp</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="175"/>
        <source>Retake</source>
        <translation>Chụp lại</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="176"/>
        <source>Import from file…</source>
        <translation>Lấy ảnh từ tệp…</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="177"/>
        <source>Read ID card QR</source>
        <translation>Đọc QR thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="191"/>
        <source>Reason for using a photo that failed a check</source>
        <translation>Lý do vẫn dùng ảnh chưa đạt</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="193"/>
        <source>Use this photo</source>
        <translation>Dùng ảnh này</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="428"/>
        <source>Import a photo</source>
        <translation>Lấy ảnh từ tệp</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="428"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png *.bmp *.tif)</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="446"/>
        <source>Captured. Check the photo, then confirm.</source>
        <translation>Đã chụp. Xem lại ảnh rồi xác nhận.</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="448"/>
        <source>Captured, but a check failed: retake, or give a reason.</source>
        <translation>Đã chụp nhưng ảnh chưa đạt: chụp lại, hoặc ghi lý do.</translation>
    </message>
    <message>
        <location filename="../photo_panel.py" line="486"/>
        <source>Photo kept for the dossier.</source>
        <translation>Đã chọn ảnh cho hồ sơ.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../print_preview.py" line="152"/>
        <source>{pages} page(s), {paper}, {copies} copy(ies)</source>
        <translation>{pages} trang, khổ {paper}, {copies} bản</translation>
    </message>
    <message>
        <location filename="../print_preview.py" line="158"/>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../procedure_picker.py" line="53"/>
        <source>Type the procedure or its number: doi gtvt, cap lai, 3, 4b…</source>
        <translation>Gõ tên hoặc số thủ tục: doi gtvt, cap lai, 3, 4b…</translation>
    </message>
</context>
<context>
    <name>ReappointDialog</name>
    <message>
        <location filename="../reappoint_dialog.py" line="52"/>
        <source>New due date for {code}</source>
        <translation>Hẹn lại ngày trả kết quả hồ sơ {code}</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="55"/>
        <source>Dossier {code}, due {due}. The due date may be moved only once (Decree 61/2018 art. 19); the reason is printed on the apology letter (Mẫu 04).</source>
        <translation>Hồ sơ {code}, hẹn trả kết quả {due}. Chỉ được hẹn lại một lần (Nghị định 61/2018, điều 19); lý do được in trên Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="66"/>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="73"/>
        <source>Why the result is late, as the applicant will read it</source>
        <translation>Lý do chậm trả kết quả, như người nộp hồ sơ sẽ đọc</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="80"/>
        <source>Working days to &amp;add:</source>
        <translation>Số ngày làm việc &amp;thêm:</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="81"/>
        <source>or the &amp;new date:</source>
        <translation>hoặc &amp;ngày hẹn mới:</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="82"/>
        <source>New due date:</source>
        <translation>Ngày hẹn mới:</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="83"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Lý do (bắt buộc):</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="86"/>
        <source>Re-appoint and print Mẫu 04</source>
        <translation>Hẹn lại và in Mẫu 04</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="113"/>
        <source>New date: type day/month/year, for example 04/12/2026.</source>
        <translation>Ngày hẹn mới: nhập ngày/tháng/năm, ví dụ 04/12/2026.</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="118"/>
        <source>New date: this day does not exist.</source>
        <translation>Ngày hẹn mới: không có ngày này.</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="123"/>
        <source>New date: at most {most} working days after the due date.</source>
        <translation>Ngày hẹn mới: nhiều nhất {most} ngày làm việc sau ngày hẹn cũ.</translation>
    </message>
    <message>
        <location filename="../reappoint_dialog.py" line="133"/>
        <source>Reason: required; it is printed on the apology letter (Mẫu 04).</source>
        <translation>Lý do: bắt buộc; lý do được in trên phiếu xin lỗi (Mẫu 04).</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../reason_dialog.py" line="68"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Lý do (bắt buộc):</translation>
    </message>
    <message>
        <location filename="../reason_dialog.py" line="72"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../reception_page.py" line="243"/>
        <source>All handed in</source>
        <translation>Đủ tất cả</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="247"/>
        <source>Accept: BM 01</source>
        <translation>Tiếp nhận: BM 01</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="249"/>
        <source>Supplement: BM 02</source>
        <translation>Bổ sung: BM 02</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="251"/>
        <source>Refuse: BM 03</source>
        <translation>Từ chối: BM 03</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="245"/>
        <source>Photo</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="138"/>
        <source>Reason for the correction (required)</source>
        <translation>Lý do sửa thông tin (bắt buộc)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="246"/>
        <source>Use the photo</source>
        <translation>Dùng ảnh</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="252"/>
        <source>Application form</source>
        <translation>In đơn đề nghị</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="254"/>
        <source>Correct details</source>
        <translation>Sửa thông tin</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="257"/>
        <source>Save the correction</source>
        <translation>Lưu phần sửa</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="260"/>
        <source>Cancel the correction</source>
        <translation>Hủy sửa</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="262"/>
        <source>Next applicant</source>
        <translation>Người tiếp theo</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="327"/>
        <source>or</source>
        <translation>hoặc</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="330"/>
        <source>Ask the applicant: class {held} becomes {options}?</source>
        <translation>Hỏi người đề nghị: hạng {held} đổi sang hạng {options}?</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="381"/>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="384"/>
        <source>Correcting: change the applicant&apos;s or the licence&apos;s details, type the reason, Ctrl+S saves</source>
        <translation>Đang sửa: sửa thông tin người nộp hoặc giấy phép lái xe, nhập lý do, Ctrl+S để lưu</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="389"/>
        <source>Stored: the screen is read-only. Ctrl+E: correct its details; Ctrl+N: next applicant.</source>
        <translation>Đã lưu: màn hình chỉ để xem. Ctrl+E: sửa thông tin; Ctrl+N: người tiếp theo.</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="394"/>
        <source>F9, F10, F11: no dossier is received on this day (see the notice above)</source>
        <translation>F9, F10, F11: không tiếp nhận hồ sơ trong ngày này (xem thông báo phía trên)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="397"/>
        <source>F9: choose the procedure first (Ctrl+P)</source>
        <translation>F9: chưa chọn thủ tục (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="399"/>
        <source>F9: the dossier is not complete</source>
        <translation>F9: hồ sơ chưa đủ</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="401"/>
        <source>F9: papers are missing; F10 prints BM 02</source>
        <translation>F9: thiếu giấy tờ; F10 in BM 02</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="403"/>
        <source>F9: a condition is not met; F11 prints BM 03</source>
        <translation>F9: không đủ điều kiện; F11 in BM 03</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="405"/>
        <source>F9: the photo is not taken yet (F5, then F6)</source>
        <translation>F9: chưa có ảnh (F5 chụp, rồi F6)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="517"/>
        <source>Ctrl+S: a field is not in order (shown in red)</source>
        <translation>Ctrl+S: có trường chưa đúng (tô đỏ)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="521"/>
        <source>Ctrl+S: type the reason for the correction first</source>
        <translation>Ctrl+S: nhập lý do sửa trước</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="528"/>
        <source>Ctrl+S: {problem}</source>
        <translation>Ctrl+S: {problem}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="548"/>
        <source>Corrected: {code}, revision {revision}: {fields}</source>
        <translation>Đã sửa: {code}, lần sửa {revision}: {fields}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="565"/>
        <source>Not corrected: {reason}</source>
        <translation>Chưa sửa được: {reason}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="612"/>
        <source>(no code: not accepted)</source>
        <translation>(không cấp mã: chưa tiếp nhận)</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="614"/>
        <source> — result due {moment}</source>
        <translation> — hẹn trả kết quả {moment}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="618"/>
        <source>Saved: {code}</source>
        <translation>Đã lưu: {code}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="658"/>
        <source>Not saved: {reason}</source>
        <translation>Chưa lưu: {reason}</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="697"/>
        <source>Discard this dossier?</source>
        <translation>Bỏ hồ sơ đang nhập?</translation>
    </message>
    <message>
        <location filename="../reception_page.py" line="698"/>
        <source>The dossier on screen has not been saved. Discard it?</source>
        <translation>Hồ sơ trên màn hình chưa được lưu. Bỏ hồ sơ này?</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../card_page.py" line="632"/>
        <source>Export {code} again</source>
        <translation>Cho xuất lại hồ sơ {code}</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="634"/>
        <source>A record enters one batch. Exporting it again (a card printed wrong, lost or damaged) is a supervisor&apos;s decision, recorded with its reason; the record goes into the next batch.</source>
        <translation>Mỗi hồ sơ chỉ vào một lô. Việc cho xuất lại (thẻ in sai, bị mất hoặc hư hỏng) do cán bộ giám sát quyết định và được ghi nhận kèm lý do; hồ sơ sẽ vào lô tiếp theo.</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="643"/>
        <source>Why, for example: the card was printed wrong</source>
        <translation>Lý do, ví dụ: thẻ bị in sai</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="639"/>
        <source>Dossier:</source>
        <translation>Hồ sơ:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="640"/>
        <source>Applicant:</source>
        <translation>Người nộp hồ sơ:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="641"/>
        <source>Now:</source>
        <translation>Hiện tại:</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="644"/>
        <source>&amp;Let it be exported again</source>
        <translation>&amp;Cho xuất lại</translation>
    </message>
    <message>
        <location filename="../card_page.py" line="646"/>
        <source>The reason is required.</source>
        <translation>Cần ghi lý do.</translation>
    </message>
</context>
<context>
    <name>ResultsInDialog</name>
    <message>
        <location filename="../results_in_dialog.py" line="57"/>
        <source>Results from the processing unit</source>
        <translation>Nhận kết quả từ phòng chuyên môn</translation>
    </message>
    <message>
        <location filename="../results_in_dialog.py" line="60"/>
        <source>Scan the code of each result the processing unit delivered (one scan per card). Each is marked ready as it is scanned.</source>
        <translation>Quét mã hồ sơ của từng kết quả phòng chuyên môn chuyển đến (mỗi thẻ quét một lần). Mỗi hồ sơ được ghi là có kết quả ngay khi quét.</translation>
    </message>
    <message>
        <location filename="../results_in_dialog.py" line="67"/>
        <source>Scan or type the dossier code, then Enter</source>
        <translation>Quét hoặc gõ mã hồ sơ, rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../results_in_dialog.py" line="69"/>
        <source>These are refusal &amp;letters (not granted)</source>
        <translation>Đây là văn bản trả &amp;lời không giải quyết hồ sơ</translation>
    </message>
    <message>
        <location filename="../results_in_dialog.py" line="75"/>
        <source>Not taken in:</source>
        <translation>Không nhận được:</translation>
    </message>
    <message>
        <location filename="../results_in_dialog.py" line="103"/>
        <source>Results taken in: {n}   Not taken in: {m}</source>
        <translation>Đã nhận kết quả: {n}   Không nhận được: {m}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="77"/>
        <source>Counter settings</source>
        <translation>Cài đặt quầy</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127"/>
        <source>* Applies the next time the program starts; the other settings apply as soon as they are saved.</source>
        <translation>* Có hiệu lực từ lần mở chương trình sau; các cài đặt khác có hiệu lực ngay khi lưu.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="137"/>
        <source>Session {n}</source>
        <translation>Buổi {n}</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <location filename="../setup_assistant.py" line="236"/>
        <source>Setting up this counter</source>
        <translation>Cài đặt ban đầu cho quầy</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="248"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="249"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="250"/>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="251"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../sign_in.py" line="273"/>
        <source>Sign in to the counter</source>
        <translation>Đăng nhập quầy</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="281"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../sign_in.py" line="199"/>
        <source>&amp;Sign in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="207"/>
        <source>&amp;Login</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="209"/>
        <source>&amp;Password</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="223"/>
        <source>(receiving point not set)</source>
        <translation>(chưa đặt điểm tiếp nhận)</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="225"/>
        <source>{place} — counter {n}</source>
        <translation>{place} — quầy {n}</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="242"/>
        <source>Type your login and your password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../statistics_page.py" line="397"/>
        <source>&amp;From</source>
        <translation>Từ ngà&amp;y</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="399"/>
        <source>&amp;Until</source>
        <translation>Đến &amp;ngày</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="401"/>
        <source>Tod&amp;ay</source>
        <translation>Hôm n&amp;ay</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="404"/>
        <source>This &amp;month</source>
        <translation>Thán&amp;g này</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="407"/>
        <source>Show  [Enter]</source>
        <translation>Xem  [Enter]</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="410"/>
        <location filename="../statistics_page.py" line="416"/>
        <source>Save the report…</source>
        <translation>Lưu báo cáo…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="418"/>
        <source>Biểu 06 as PDF (A4 landscape, to sign) or XLSX</source>
        <translation>Biểu 06 dạng PDF (A4 khổ ngang, để ký) hoặc XLSX</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="422"/>
        <source>Day summary PDF…</source>
        <translation>Tổng hợp ngày (PDF)…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="433"/>
        <source>All points</source>
        <translation>Mọi điểm tiếp nhận</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="438"/>
        <source>&amp;Point</source>
        <translation>Điể&amp;m tiếp nhận</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="444"/>
        <source>this counter</source>
        <translation>quầy này</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="445"/>
        <source>every counter (centre)</source>
        <translation>mọi quầy (trung tâm)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="448"/>
        <source>This counter&apos;s store holds the dossiers received here. The centre holds every counter&apos;s: the report of the whole point is counted there.</source>
        <translation>Dữ liệu của quầy này chỉ gồm hồ sơ tiếp nhận tại quầy. Trung tâm giữ hồ sơ của mọi quầy: báo cáo của cả điểm tiếp nhận được đếm tại đó.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="453"/>
        <source>Cou&amp;nted at</source>
        <translation>Đếm &amp;tại</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="524"/>
        <source>Officer or counter</source>
        <translation>Cán bộ hoặc quầy</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="525"/>
        <source>Procedure or channel</source>
        <translation>Thủ tục hoặc hình thức nộp</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="543"/>
        <source>Close the day…</source>
        <translation>Chốt ngày…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="546"/>
        <source>Check the day&apos;s dossiers and codes, then close the day (supervisor)</source>
        <translation>Kiểm tra hồ sơ và số hồ sơ trong ngày, rồi chốt ngày (lãnh đạo)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="560"/>
        <source>Accepted (BM 01)</source>
        <translation>Tiếp nhận (BM 01)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="561"/>
        <source>Supplement (BM 02)</source>
        <translation>Bổ sung (BM 02)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="562"/>
        <source>Refused (BM 03)</source>
        <translation>Từ chối (BM 03)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="564"/>
        <source>Applicants per hour</source>
        <translation>Số người nộp theo giờ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="564"/>
        <location filename="../statistics_page.py" line="1127"/>
        <source>Applicants</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="567"/>
        <source>Verdicts</source>
        <translation>Kết quả tiếp nhận</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="571"/>
        <location filename="../statistics_page.py" line="1221"/>
        <source>Per procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="589"/>
        <source>Official report (Biểu 06)</source>
        <translation>Báo cáo (Biểu 06)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="590"/>
        <source>Day summary</source>
        <translation>Tổng hợp ngày</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="591"/>
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="668"/>
        <source>From: type a day as dd/mm/yyyy, e.g. 01/11/2026.</source>
        <translation>Từ ngày: nhập ngày/tháng/năm, ví dụ 01/11/2026.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="671"/>
        <source>To: type a day as dd/mm/yyyy, e.g. 30/11/2026.</source>
        <translation>Đến ngày: nhập ngày/tháng/năm, ví dụ 30/11/2026.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="674"/>
        <source>To: the last day cannot be before the first.</source>
        <translation>Đến ngày: ngày cuối không được trước ngày đầu.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="677"/>
        <source>To: the last day cannot be after today.</source>
        <translation>Đến ngày: ngày cuối không được sau hôm nay.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="737"/>
        <source>Counting the dossiers of the period…</source>
        <translation>Đang đếm hồ sơ của kỳ báo cáo…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="754"/>
        <location filename="../statistics_page.py" line="1056"/>
        <source>Total</source>
        <translation>Tổng số</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="756"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="757"/>
        <source>Field, procedure handled at this level</source>
        <translation>Lĩnh vực, công việc giải quyết theo cấp</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="758"/>
        <source>Dossiers to handle</source>
        <translation>Số hồ sơ nhận giải quyết</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="760"/>
        <source>In the period</source>
        <translation>Trong kỳ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="761"/>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="762"/>
        <source>In person, by post</source>
        <translation>Trực tiếp, dịch vụ bưu chính</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="763"/>
        <source>From the previous period</source>
        <translation>Từ kỳ trước</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="764"/>
        <source>Dossiers resolved</source>
        <translation>Số hồ sơ đã giải quyết</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="766"/>
        <source>Early</source>
        <translation>Trước hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="767"/>
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="768"/>
        <source>Late</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="769"/>
        <source>Dossiers in progress</source>
        <translation>Số lượng hồ sơ đang giải quyết</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="771"/>
        <source>Within the time limit</source>
        <translation>Trong hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="772"/>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="773"/>
        <source>Outside the form</source>
        <translation>Ngoài biểu</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="774"/>
        <source>Withdrawn by the applicant</source>
        <translation>CD rút hồ sơ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="775"/>
        <source>Residue (does not add up)</source>
        <translation>Chênh lệch (không khớp)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="821"/>
        <source>All procedures</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="863"/>
        <source>Does not add up, (3) − (7) − (11) − withdrawn kept apart ≠ 0: {rows}.</source>
        <translation>Không khớp, (3) − (7) − (11) − số rút hồ sơ tính riêng ≠ 0: {rows}.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="870"/>
        <source>Every row adds up: (3) = (4) + (5) + (6), (7) = (8) + (9) + (10), (11) = (12) + (13), (3) = (7) + (11) + withdrawn kept apart. Enter on a number lists its dossiers.</source>
        <translation>Mọi dòng đều khớp: (3) = (4) + (5) + (6), (7) = (8) + (9) + (10), (11) = (12) + (13), (3) = (7) + (11) + số rút hồ sơ tính riêng. Nhấn Enter trên một số để xem danh sách hồ sơ.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="883"/>
        <source>results compared by day</source>
        <translation>so hạn theo ngày</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="885"/>
        <source>results compared by time</source>
        <translation>so hạn theo giờ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="886"/>
        <source>withdrawn dossiers counted as resolved on time</source>
        <translation>hồ sơ rút tính vào đã giải quyết đúng hạn</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="888"/>
        <source>withdrawn dossiers kept apart</source>
        <translation>hồ sơ rút tính riêng</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="891"/>
        <source>{unit}: from {first} to {last} (cut-off {cut_off}, Vietnam time)</source>
        <translation>{unit}: từ ngày {first} đến ngày {last} (số liệu tính đến {cut_off}, giờ Việt Nam)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="898"/>
        <source>; points: {points}</source>
        <translation>; điểm tiếp nhận: {points}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="904"/>
        <source>counted at the centre, every counter</source>
        <translation>đếm tại trung tâm, mọi quầy</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="906"/>
        <source>counted in this counter&apos;s store</source>
        <translation>đếm trong dữ liệu của quầy này</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="930"/>
        <location filename="../statistics_page.py" line="1310"/>
        <source>{column} — {row}: {n} dossier(s)</source>
        <translation>{column} — {row}: {n} hồ sơ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="973"/>
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="975"/>
        <source>PDF, to print and sign (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF, để in và ký (*.pdf);;Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="987"/>
        <source>Save the day summary</source>
        <translation>Lưu tổng hợp ngày</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="989"/>
        <source>PDF, to print and sign (*.pdf)</source>
        <translation>PDF, để in và ký (*.pdf)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1015"/>
        <source>Writing the report…</source>
        <translation>Đang ghi báo cáo…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1033"/>
        <source>Writing the day summary…</source>
        <translation>Đang ghi tổng hợp ngày…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1037"/>
        <source>Saved: {file}</source>
        <translation>Đã lưu: {file}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1040"/>
        <source>Not saved: {reason}</source>
        <translation>Chưa lưu: {reason}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1053"/>
        <location filename="../statistics_page.py" line="1124"/>
        <location filename="../statistics_page.py" line="1254"/>
        <source>Accepted</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1054"/>
        <location filename="../statistics_page.py" line="1125"/>
        <location filename="../statistics_page.py" line="1255"/>
        <source>Supplement</source>
        <translation>Bổ sung</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1055"/>
        <location filename="../statistics_page.py" line="1126"/>
        <location filename="../statistics_page.py" line="1256"/>
        <source>Refused</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1059"/>
        <location filename="../statistics_page.py" line="1128"/>
        <source>Results handed back</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1085"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1129"/>
        <source>Forwarded</source>
        <translation>Đã chuyển xử lý</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1130"/>
        <source>Withdrawn</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1131"/>
        <source>Slips reprinted</source>
        <translation>In lại phiếu</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1132"/>
        <source>Re-appointed</source>
        <translation>Hẹn lại</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1138"/>
        <source>{day}: {applicants} applicant(s), {dossiers} decision(s); results handed back {handed}; forwarded {forwarded}; slips reprinted {reprints}; re-appointed {reappointed}; withdrawn {withdrawn}.</source>
        <translation>{day}: {applicants} lượt người nộp, {dossiers} lượt giải quyết tại quầy; đã trả kết quả {handed}; đã chuyển xử lý {forwarded}; in lại phiếu {reprints}; hẹn lại {reappointed}; rút hồ sơ {withdrawn}.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1160"/>
        <source>Time per applicant (procedure picked to slip printed): median {median}, 90 % within {p90}.</source>
        <translation>Thời gian mỗi lượt (từ khi chọn thủ tục đến khi in phiếu): trung vị {median}, 90 % trong vòng {p90}.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1168"/>
        <source>The median is within the goal of {goal} min per applicant.</source>
        <translation>Trung vị đạt mục tiêu {goal} phút cho mỗi người.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1170"/>
        <source>The median is over the goal of {goal} min per applicant.</source>
        <translation>Trung vị vượt mục tiêu {goal} phút cho mỗi người.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1186"/>
        <source>Per officer</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1198"/>
        <source>Per counter</source>
        <translation>Theo quầy</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1201"/>
        <source>Counter {number}</source>
        <translation>Quầy {number}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1211"/>
        <source>The whole day</source>
        <translation>Cả ngày</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1228"/>
        <source>Per channel</source>
        <translation>Theo hình thức nộp</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1236"/>
        <source>Nothing on this day.</source>
        <translation>Không có số liệu trong ngày.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1244"/>
        <source>goal {per_hour}/h ({counters} counter(s) × 60/{goal} min)</source>
        <translation>mục tiêu {per_hour}/giờ ({counters} quầy × 60/{goal} phút)</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1341"/>
        <source>The day {day} is not closed at counter {counter}.</source>
        <translation>Ngày {day} chưa được chốt tại quầy {counter}.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1349"/>
        <source>The day {day} is closed at counter {counter} ({at}, {officer}, {count} dossier(s)): its dossiers change only through a supervisor&apos;s recorded correction.</source>
        <translation>Ngày {day} đã được chốt tại quầy {counter} ({at}, {officer}, {count} hồ sơ): hồ sơ của ngày chỉ thay đổi qua đính chính có ghi nhận của lãnh đạo.</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1397"/>
        <source>Checking the day…</source>
        <translation>Đang kiểm tra ngày…</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1409"/>
        <source>Register page of {day}</source>
        <translation>Trang sổ theo dõi ngày {day}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1411"/>
        <source>Day summary of {day}</source>
        <translation>Tổng hợp ngày {day}</translation>
    </message>
    <message>
        <location filename="../statistics_page.py" line="1418"/>
        <source>Making the paper…</source>
        <translation>Đang tạo giấy tờ…</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../setup_assistant.py" line="129"/>
        <source>{label}: needed before the first dossier</source>
        <translation>{label}: cần nhập trước khi tiếp nhận hồ sơ đầu tiên</translation>
    </message>
    <message>
        <location filename="../setup_assistant.py" line="57"/>
        <source>Step {n} of {count}: {title}</source>
        <translation>Bước {n}/{count}: {title}</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../today_page.py" line="97"/>
        <source>Code (scan BM 01), ID card or passport number, BM 02/03 reference, or name</source>
        <translation>Mã hồ sơ (quét BM 01), số CCCD hoặc hộ chiếu, mã tham chiếu trên BM 02/03, hoặc họ tên</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="103"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="104"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="105"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="106"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="107"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="133"/>
        <source>Applicant is back with the papers: new round</source>
        <translation>Người nộp quay lại bổ sung: tiếp nhận lượt mới</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="147"/>
        <source>Void…</source>
        <translation>Hủy hồ sơ…</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="263"/>
        <source>No dossier found.</source>
        <translation>Không tìm thấy hồ sơ.</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="292"/>
        <source>Status: {status}</source>
        <translation>Trạng thái: {status}</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="296"/>
        <source>Voided on {moment} by {officer}: {reason}</source>
        <translation>Đã hủy lúc {moment}, cán bộ hủy: {officer}; lý do: {reason}</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="303"/>
        <source>Result due: {moment}</source>
        <translation>Hẹn trả kết quả: {moment}</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="316"/>
        <source>Round {n}: {moment}</source>
        <translation>Lượt {n}: {moment}</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="139"/>
        <source>Reprint the slip</source>
        <translation>In lại giấy</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="142"/>
        <source>New due date (re-appointment)</source>
        <translation>Hẹn lại ngày trả kết quả</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="145"/>
        <source>Print Mẫu 04 again</source>
        <translation>In lại Mẫu 04</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="307"/>
        <source>Re-appointed on {decided} (was due {previous}): {reason}</source>
        <translation>Đã hẹn lại lúc {decided} (hẹn cũ {previous}): {reason}</translation>
    </message>
    <message>
        <location filename="../today_page.py" line="329"/>
        <source>Printed {kind}, print {n}: {moment}</source>
        <translation>Đã in {kind}, lần in thứ {n}: {moment}</translation>
    </message>
</context>
<context>
    <name>TrailDialog</name>
    <message>
        <location filename="../trail_dialog.py" line="52"/>
        <source>Today&apos;s trail at this counter</source>
        <translation>Nhật ký thao tác hôm nay tại quầy</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="61"/>
        <source>Every officer</source>
        <translation>Mọi cán bộ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="64"/>
        <source>Every action</source>
        <translation>Mọi thao tác</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="67"/>
        <source>&amp;Officer</source>
        <translation>&amp;Cán bộ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="69"/>
        <source>&amp;Action</source>
        <translation>&amp;Thao tác</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="79"/>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="79"/>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="79"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="79"/>
        <source>Ids and codes</source>
        <translation>Mã và số hiệu</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="89"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="110"/>
        <source>sign-in</source>
        <translation>đăng nhập</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="111"/>
        <source>failed sign-in</source>
        <translation>đăng nhập không thành công</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="112"/>
        <source>sign-out</source>
        <translation>đăng xuất</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="113"/>
        <source>lock</source>
        <translation>khóa màn hình</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="114"/>
        <source>unlock</source>
        <translation>mở khóa</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="115"/>
        <source>dossier received</source>
        <translation>tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="116"/>
        <source>new round</source>
        <translation>bổ sung hồ sơ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="117"/>
        <source>correction</source>
        <translation>sửa hồ sơ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="118"/>
        <source>void</source>
        <translation>hủy hồ sơ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="119"/>
        <source>print</source>
        <translation>in phiếu</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="120"/>
        <source>reprint</source>
        <translation>in lại phiếu</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="121"/>
        <source>re-appointment</source>
        <translation>hẹn lại ngày trả</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="122"/>
        <source>hand-over</source>
        <translation>trả kết quả</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="123"/>
        <source>card export</source>
        <translation>xuất thẻ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="124"/>
        <source>day close</source>
        <translation>chốt ngày</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="125"/>
        <source>settings change</source>
        <translation>thay đổi cài đặt</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="126"/>
        <source>officer account change</source>
        <translation>thay đổi tài khoản cán bộ</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="127"/>
        <source>central connection set</source>
        <translation>cấu hình kết nối trung tâm</translation>
    </message>
    <message>
        <location filename="../trail_dialog.py" line="142"/>
        <source>{n} of {total} records</source>
        <translation>{n}/{total} bản ghi</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../verdict_panel.py" line="33"/>
        <source>Result due</source>
        <translation>Hẹn trả kết quả</translation>
    </message>
    <message>
        <location filename="../verdict_panel.py" line="37"/>
        <source>Not complete yet</source>
        <translation>Chưa đủ thông tin</translation>
    </message>
    <message>
        <location filename="../verdict_panel.py" line="47"/>
        <source>Accept — print BM 01</source>
        <translation>Tiếp nhận — in BM 01</translation>
    </message>
    <message>
        <location filename="../verdict_panel.py" line="48"/>
        <source>Supplement — print BM 02</source>
        <translation>Yêu cầu bổ sung — in BM 02</translation>
    </message>
    <message>
        <location filename="../verdict_panel.py" line="49"/>
        <source>Refuse — print BM 03</source>
        <translation>Từ chối — in BM 03</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../void_dialog.py" line="38"/>
        <source>Void dossier {code}</source>
        <translation>Hủy hồ sơ {code}</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="40"/>
        <source>A voided dossier is not deleted: it stays in the store and is shown as voided, and nothing more is done with it (no paper, no new round, no correction). A dossier is voided once; a supervisor decides it.</source>
        <translation>Hồ sơ bị hủy không bị xóa: hồ sơ vẫn được lưu và hiển thị là đã hủy, nhưng không làm thêm được gì với hồ sơ đó (không in giấy tờ, không tiếp nhận lượt mới, không sửa thông tin). Mỗi hồ sơ chỉ hủy một lần; việc hủy do cán bộ giám sát quyết định.</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="50"/>
        <source>Why the dossier is voided, for example: received twice by mistake</source>
        <translation>Lý do hủy hồ sơ, ví dụ: tiếp nhận hai lần do nhầm lẫn</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="45"/>
        <source>Dossier:</source>
        <translation>Hồ sơ:</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="46"/>
        <source>Applicant:</source>
        <translation>Người nộp hồ sơ:</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="47"/>
        <source>Received:</source>
        <translation>Tiếp nhận lúc:</translation>
    </message>
    <message>
        <location filename="../void_dialog.py" line="52"/>
        <source>&amp;Void the dossier</source>
        <translation>&amp;Hủy hồ sơ</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../application.py" line="76"/>
        <source>The settings cannot be used</source>
        <translation>Không dùng được tệp cài đặt</translation>
    </message>
    <message>
        <location filename="../application.py" line="82"/>
        <source>The catalogue cannot be used</source>
        <translation>Không dùng được danh mục thủ tục</translation>
    </message>
    <message>
        <location filename="../application.py" line="99"/>
        <source>The dossier store cannot be used</source>
        <translation>Không dùng được kho hồ sơ</translation>
    </message>
    <message>
        <location filename="../application.py" line="50"/>
        <source>Opening the dossier store…</source>
        <translation>Đang mở dữ liệu hồ sơ…</translation>
    </message>
</context>
</TS>
