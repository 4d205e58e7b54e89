<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../kiosk/app_qt.py" line="158"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/app_qt.py" line="160"/>
        <source>Trang chủ</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../kiosk/app_qt.py" line="162"/>
        <source>English</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../kiosk/app_qt.py" line="164"/>
        <source>Chữ to, rõ</source>
        <translation>Large, clear text</translation>
    </message>
    <message>
        <location filename="../../kiosk/keyboard_qt.py" line="53"/>
        <source>Gõ dấu</source>
        <translation>Accents</translation>
    </message>
    <message>
        <location filename="../../kiosk/keyboard_qt.py" line="57"/>
        <source>Dấu cách</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/keyboard_qt.py" line="59"/>
        <source>Xóa lùi</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/keyboard_qt.py" line="61"/>
        <source>Xóa hết</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/keyboard_qt.py" line="63"/>
        <location filename="../../kiosk/screens/rating.py" line="178"/>
        <location filename="../../kiosk/screens/ticket.py" line="266"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier.py" line="16"/>
        <source>Tra cứu tình trạng hồ sơ</source>
        <translation>Check a dossier&apos;s status</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier.py" line="36"/>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="12"/>
        <source>Xin mời ông/bà chọn việc cần làm</source>
        <translation>Please choose what you need</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier.py" line="66"/>
        <source>Lấy số nhận kết quả</source>
        <translation>Take a number to collect the result</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="21"/>
        <location filename="../../kiosk/screens/home.py" line="57"/>
        <source>Lấy số thứ tự</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="22"/>
        <source>Tra cứu thủ tục</source>
        <translation>Look up a procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="23"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Check a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="24"/>
        <source>Nộp hồ sơ</source>
        <translation>Submit a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="25"/>
        <source>Đánh giá sự hài lòng</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>Xin ông/bà quét mã QR trên phiếu số thứ tự</source>
        <translation>Please scan the QR code on your ticket</translation>
    </message>
    <message>
        <source>Đưa mã QR in trên phiếu số thứ tự vào ô quét của máy</source>
        <translation>Hold the QR code printed on your ticket to the kiosk's scanner</translation>
    </message>
    <message>
        <source>Không quét được? Chạm ô dưới đây và nhập mã in dưới mã QR (các ký tự sau “/t/”).</source>
        <translation>Cannot scan it? Touch the box below and type the code printed under the QR code (the characters after “/t/”).</translation>
    </message>
    <message>
        <source>Không có phiếu? Chọn quầy đã phục vụ</source>
        <translation>No ticket? Choose the counter that served you</translation>
    </message>
    <message>
        <source>Chữ hoa</source>
        <translation>Capitals</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="35"/>
        <source>Chạm vào ô để bắt đầu. Cần giúp đỡ, xin hỏi cán bộ tại quầy hướng dẫn.</source>
        <translation>Touch a box to start. For help, please ask staff at the help desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="43"/>
        <source>Nộp hồ sơ tại máy: sắp có</source>
        <translation>Submitting at the kiosk: coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="67"/>
        <source>Xin lỗi, đã có lỗi</source>
        <translation>Sorry, something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="81"/>
        <source>Về trang chủ</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="32"/>
        <source>Tra cứu thủ tục hành chính</source>
        <translation>Look up an administrative procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/dossier.py" line="40"/>
        <location filename="../../kiosk/screens/lookup.py" line="43"/>
        <source>Bàn phím</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="47"/>
        <source>Lĩnh vực: tất cả</source>
        <translation>Field: all</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="77"/>
        <location filename="../../kiosk/screens/lookup.py" line="104"/>
        <source>Gõ tên thủ tục, ví dụ: dang ky ket hon</source>
        <translation>Type a procedure&apos;s name, e.g. dang ky ket hon</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="105"/>
        <source>tất cả</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="108"/>
        <source>Lĩnh vực: {field}</source>
        <translation>Field: {field}</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="112"/>
        <source>Tất cả lĩnh vực</source>
        <translation>All fields</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="145"/>
        <source>Thông tin thủ tục</source>
        <translation>Procedure details</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="166"/>
        <source>Giấy tờ cần chuẩn bị</source>
        <translation>Papers to bring</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="183"/>
        <source>Quét mã bằng điện thoại để làm thủ tục này trực tuyến trên Cổng Dịch vụ công.</source>
        <translation>Scan the code with your phone to do this procedure online on the Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/lookup.py" line="190"/>
        <source>Lấy số để nộp hồ sơ tại quầy</source>
        <translation>Take a number to submit at a counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="27"/>
        <source>Ông/bà vừa được phục vụ tại quầy nào?</source>
        <translation>Which counter served you?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="70"/>
        <source>Ông/bà có hài lòng với sự phục vụ không?</source>
        <translation>Were you satisfied with our service?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="114"/>
        <source>Xin cho biết điều ông/bà chưa hài lòng</source>
        <translation>Please tell us what was not satisfactory</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="118"/>
        <source>Chọn một hoặc nhiều lý do:</source>
        <translation>Choose one or more reasons:</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="137"/>
        <source>Gửi đánh giá</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="171"/>
        <location filename="../../kiosk/screens/rating.py" line="188"/>
        <source>Cảm ơn ông/bà</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="190"/>
        <source>Chưa gửi được đánh giá</source>
        <translation>The rating was not sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="207"/>
        <source>Xin mời đánh giá sau khi được phục vụ</source>
        <translation>Please rate our service when you are done</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="218"/>
        <source>Khi cán bộ hoàn tất hồ sơ của ông/bà, màn hình đánh giá sẽ tự mở.</source>
        <translation>When the clerk finishes with your dossier, the rating screen opens by itself.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="16"/>
        <source>Kỹ thuật viên: nhập mã PIN</source>
        <translation>Technician: enter the PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="32"/>
        <source>Xóa</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="36"/>
        <source>Vào</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="105"/>
        <source>Kỹ thuật viên: tình trạng thiết bị</source>
        <translation>Technician: device status</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="116"/>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="118"/>
        <source>In thử</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="120"/>
        <source>In lại phiếu cuối</source>
        <translation>Reprint last ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="122"/>
        <location filename="../../kiosk/screens/technician.py" line="143"/>
        <location filename="../../kiosk/screens/technician.py" line="206"/>
        <source>Đóng hàng đợi hôm nay</source>
        <translation>Close today&apos;s queue</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="124"/>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/technician.py" line="203"/>
        <source>Chạm lần nữa để xác nhận đóng</source>
        <translation>Touch again to confirm closing</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="73"/>
        <source>Chọn dịch vụ</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="92"/>
        <source>Ông/bà có thuộc nhóm được ưu tiên không?</source>
        <translation>Do you belong to a priority group?</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="100"/>
        <source>Không, tôi không thuộc nhóm ưu tiên</source>
        <translation>No, I am not in a priority group</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="136"/>
        <source>Bỏ qua, không quét thẻ</source>
        <translation>Skip, do not scan</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="161"/>
        <source>Xin kiểm tra lại trước khi in phiếu</source>
        <translation>Please check before printing</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="177"/>
        <source>In phiếu số thứ tự</source>
        <translation>Print my ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="206"/>
        <source>Đang cấp số và in phiếu...</source>
        <translation>Issuing your number and printing...</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="217"/>
        <source>Xin ông/bà chờ trong giây lát.</source>
        <translation>Please wait a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="228"/>
        <location filename="../../kiosk/screens/ticket.py" line="279"/>
        <source>Mời ông/bà nhận phiếu</source>
        <translation>Please take your ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="250"/>
        <source>Quét mã để xem lượt của mình trên điện thoại</source>
        <translation>Scan to follow your turn on your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="262"/>
        <source>In lại phiếu</source>
        <translation>Print the ticket again</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="264"/>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="280"/>
        <source>Xin lỗi, máy chưa in được phiếu</source>
        <translation>Sorry, the ticket could not be printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="281"/>
        <source>Ông/bà đã có số thứ tự</source>
        <translation>You already have a number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="282"/>
        <location filename="../../kiosk/screens/ticket.py" line="283"/>
        <location filename="../../kiosk/screens/ticket.py" line="284"/>
        <source>Chưa cấp được số</source>
        <translation>No number was issued</translation>
    </message>
    <message>
        <source>Có thẻ căn cước? Đưa mã QR trên thẻ vào ô quét để lấy số nhanh hơn.</source>
        <translation>Have an ID card? Hold its QR code to the scanner to take a number faster.</translation>
    </message>
    <message>
        <source>Chọn việc ông/bà cần làm</source>
        <translation>Choose what you need to do</translation>
    </message>
    <message>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Quét thẻ căn cước (không bắt buộc)</source>
        <translation>Scan your ID card (optional)</translation>
    </message>
    <message>
        <source>Có lịch hẹn</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <source>In danh sách giấy tờ</source>
        <translation>Print the list of papers</translation>
    </message>
    <message>
        <source>Lấy số</source>
        <translation>Get a number</translation>
    </message>
    <message>
        <source>Đưa mã QR trên giấy hẹn hoặc tin nhắn hẹn vào ô quét, hoặc chạm ô dưới đây để nhập mã lịch hẹn.</source>
        <translation>Hold the QR code of your appointment (paper or message) to the scanner, or touch the box below to type the appointment code.</translation>
    </message>
    <message>
        <source>Đọc chip thẻ căn cước</source>
        <translation>Read the ID card's chip</translation>
    </message>
    <message>
        <source>Đọc thẻ</source>
        <translation>Read the card</translation>
    </message>
    <message>
        <source>Thẻ không thời hạn</source>
        <translation>Card with no expiry</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ thay cho chip</source>
        <translation>Scan the card's QR code instead</translation>
    </message>
    <message>
        <source>Máy chưa làm được việc ông/bà vừa chọn. Xin ông/bà thử lại, hoặc hỏi cán bộ tại quầy hướng dẫn.</source>
        <translation>The kiosk could not do what you chose. Please try again, or ask staff at the help desk.</translation>
    </message>
    <message>
        <source>Chức năng nộp hồ sơ tại máy đang được chuẩn bị. Hiện nay, xin ông/bà lấy số thứ tự và nộp hồ sơ tại quầy; cán bộ sẽ hướng dẫn ông/bà.</source>
        <translation>Submitting a dossier at the kiosk is coming soon. For now, please take a number and submit it at a counter; staff will help you.</translation>
    </message>
    <message>
        <source>Đưa mã QR trên giấy hẹn trả kết quả vào ô quét, hoặc nhập mã hồ sơ rồi chạm Tra cứu.</source>
        <translation>Hold the QR code of your receipt to the scanner, or type the dossier code and touch Look up.</translation>
    </message>
    <message>
        <source>Đưa mặt có mã QR của thẻ căn cước vào ô quét phía dưới màn hình. Phiếu sẽ ghi tên ông/bà (viết tắt) để cán bộ nhận biết; người từ 60 tuổi được chọn sẵn nhóm ưu tiên. Không muốn quét, xin chạm nút Bỏ qua.</source>
        <translation>Hold the QR side of your ID card to the scanner below the screen. The ticket shows your name (shortened) for the staff; people aged 60 or more get the priority group chosen. To go on without it, touch Skip.</translation>
    </message>
    <message>
        <source>Tắt ứng dụng máy lấy số</source>
        <translation>Quit the kiosk app</translation>
    </message>
    <message>
        <source>Đổi mã PIN</source>
        <translation>Change the PIN</translation>
    </message>
    <message>
        <source>Thử</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Chọn thiết bị</source>
        <translation>Choose device</translation>
    </message>
    <message>
        <source>Nhập mã PIN mới (4–12 số)</source>
        <translation>Enter the new PIN (4–12 digits)</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN mới</source>
        <translation>Enter the new PIN again</translation>
    </message>
    <message>
        <source>Kiểm tra mạng</source>
        <translation>Check the network</translation>
    </message>
</context>
</TS>
