"""Source material for the demo catalog: real procedures and the shapes of the rest.

The real procedures are those listed in DOMAIN.md (national codes; fees are set by
each province, so fees here are typical published values). The vocabulary below
is what procedure names in a provincial catalog are made of, per field: an action
("Cấp", "Cấp lại", "Gia hạn"...) applied to a subject ("giấy phép xây dựng...")
with an optional qualifier ("cho tổ chức"). ``generator.py`` combines them with a
fixed seed into a catalog of provincial size.
"""

from __future__ import annotations

ID = "Căn cước hoặc Căn cước công dân của người đề nghị (xuất trình)"
AUTH = "Văn bản ủy quyền có chứng thực (nếu nộp thay)"
CT01 = "Tờ khai thay đổi thông tin cư trú (mẫu CT01)"

# code, name, field, agency level, processing time, fee, online level, papers, legal basis
REAL: tuple[tuple[str, str, str, str, str, str, str, tuple[str, ...], str], ...] = (
    (
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "Cấp xã",
        "Trong ngày tiếp nhận; nếu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        "Miễn lệ phí khi đăng ký đúng hạn; trường hợp khác theo quy định của HĐND tỉnh",
        "Toàn trình",
        (
            "Tờ khai đăng ký khai sinh theo mẫu",
            "Giấy chứng sinh (bản chính) hoặc văn bản của người làm chứng",
            ID,
            AUTH,
        ),
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
        "Cấp xã",
        "01 ngày làm việc",
        "Miễn lệ phí",
        "Một phần",
        (
            "Tờ khai đăng ký kết hôn theo mẫu",
            "Căn cước của hai bên nam, nữ (xuất trình)",
            "Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không thường trú)",
        ),
        "Luật Hôn nhân và gia đình 2014; Luật Hộ tịch 2014",
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        "Hộ tịch",
        "Cấp xã",
        "Trong ngày tiếp nhận",
        "Theo quy định của HĐND tỉnh",
        "Toàn trình",
        (
            "Tờ khai đăng ký khai tử theo mẫu",
            "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử",
            ID,
        ),
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
    ),
    (
        "1.004873",
        "Cấp giấy xác nhận tình trạng hôn nhân",
        "Hộ tịch",
        "Cấp xã",
        "03 ngày làm việc",
        "Theo quy định của HĐND tỉnh",
        "Toàn trình",
        (
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
            ID,
            "Bản án, quyết định ly hôn hoặc trích lục khai tử (nếu đã từng kết hôn)",
        ),
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
    ),
    (
        "1.004884",
        "Đăng ký lại khai sinh",
        "Hộ tịch",
        "Cấp xã",
        "05 ngày làm việc",
        "Theo quy định của HĐND tỉnh",
        "Một phần",
        (
            "Tờ khai đăng ký lại khai sinh theo mẫu",
            "Bản sao Giấy khai sinh cũ hoặc giấy tờ có thông tin khai sinh",
            ID,
        ),
        "Nghị định 123/2015/NĐ-CP",
    ),
    (
        "2.000635",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "Cấp xã",
        "Trong ngày tiếp nhận",
        "8.000 đồng/bản sao",
        "Toàn trình",
        ("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu", ID, AUTH),
        "Luật Hộ tịch 2014; Thông tư 281/2016/TT-BTC",
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        "Chứng thực",
        "Cấp xã",
        "Trong ngày tiếp nhận",
        "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang; tối đa 200.000 đồng/bản",
        "Một phần",
        ("Bản chính giấy tờ, văn bản làm cơ sở chứng thực", "Bản sao cần chứng thực"),
        "Nghị định 23/2015/NĐ-CP",
    ),
    (
        "2.000884",
        "Chứng thực chữ ký",
        "Chứng thực",
        "Cấp xã",
        "Trong ngày tiếp nhận",
        "10.000 đồng/trường hợp",
        "Cung cấp thông tin",
        (ID, "Giấy tờ, văn bản mà mình sẽ ký"),
        "Nghị định 23/2015/NĐ-CP",
    ),
    (
        "1.004194",
        "Đăng ký tạm trú",
        "Cư trú",
        "Cấp xã",
        "03 ngày làm việc",
        "10.000–15.000 đồng nộp trực tiếp; thấp hơn khi nộp trực tuyến",
        "Toàn trình",
        (CT01, "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"),
        "Luật Cư trú 2020; Nghị định 62/2021/NĐ-CP",
    ),
    (
        "1.004222",
        "Đăng ký thường trú",
        "Cư trú",
        "Cấp xã",
        "07 ngày làm việc",
        "20.000 đồng nộp trực tiếp; 10.000 đồng nộp trực tuyến",
        "Toàn trình",
        (
            CT01,
            "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
            "Giấy tờ chứng minh quan hệ nhân thân (nếu đăng ký vào chỗ ở của người thân)",
        ),
        "Luật Cư trú 2020; Nghị định 62/2021/NĐ-CP",
    ),
    (
        "1.003677",
        "Khai báo tạm vắng",
        "Cư trú",
        "Cấp xã",
        "01 ngày làm việc",
        "Không",
        "Toàn trình",
        (CT01, "Văn bản đồng ý của cơ quan quản lý (với trường hợp phải xin phép)"),
        "Luật Cư trú 2020",
    ),
    (
        "1.001456",
        "Cấp hộ chiếu phổ thông trong nước",
        "Xuất nhập cảnh",
        "Cấp tỉnh",
        "08 ngày làm việc",
        "160.000–200.000 đồng/hộ chiếu",
        "Toàn trình",
        (
            "Tờ khai đề nghị cấp hộ chiếu (mẫu TK01)",
            "02 ảnh chân dung cỡ 4 x 6 cm, phông nền trắng",
            ID,
            "Hộ chiếu cũ (nếu có)",
        ),
        "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019",
    ),
    (
        "1.013978",
        "Cấp GCN quyền sử dụng đất lần đầu (hộ gia đình, cá nhân)",
        "Đất đai",
        "Cấp xã",
        "20 ngày làm việc",
        "Theo quy định của HĐND tỉnh",
        "Một phần",
        (
            "Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)",
            "Giấy tờ về quyền sử dụng đất (nếu có)",
            "Mảnh trích đo bản đồ địa chính (nếu có)",
            "Chứng từ thực hiện nghĩa vụ tài chính (nếu có)",
        ),
        "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP",
    ),
    (
        "1.001699",
        "Xác định mức độ khuyết tật",
        "Bảo trợ xã hội",
        "Cấp xã",
        "25 ngày làm việc",
        "Không",
        "Một phần",
        (
            "Đơn đề nghị xác định mức độ khuyết tật (mẫu 01)",
            "Bản sao giấy tờ, hồ sơ bệnh án liên quan đến khuyết tật (nếu có)",
        ),
        "Luật Người khuyết tật 2010; Nghị định 28/2012/NĐ-CP",
    ),
    (
        "1.011607",
        "Công nhận hộ nghèo, cận nghèo hằng năm",
        "Giảm nghèo",
        "Cấp xã",
        "15 ngày làm việc",
        "Không",
        "Cung cấp thông tin",
        ("Giấy đề nghị rà soát hộ nghèo, hộ cận nghèo (theo mẫu)",),
        "Nghị định 07/2021/NĐ-CP",
    ),
)

# field -> (actions, subjects, papers pool, legal basis)
# Actions may carry "{s}" where the subject goes elsewhere than the end.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]] = {
    "Hộ tịch": (
        ("Đăng ký", "Đăng ký lại", "Cấp bản sao trích lục", "Ghi vào Sổ hộ tịch việc"),
        (
            "khai sinh có yếu tố nước ngoài",
            "kết hôn có yếu tố nước ngoài",
            "nhận cha, mẹ, con",
            "giám hộ",
            "chấm dứt giám hộ",
            "thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "khai sinh kết hợp nhận cha, mẹ, con",
            "khai tử có yếu tố nước ngoài",
            "xác định lại dân tộc",
            "nuôi con nuôi trong nước",
            "ly hôn đã được giải quyết ở nước ngoài",
        ),
        (
            "Tờ khai theo mẫu quy định",
            "Giấy tờ chứng minh nhân thân",
            "Giấy tờ chứng minh nơi cư trú",
            "Bản sao Giấy khai sinh",
            "Văn bản cam đoan về nội dung khai",
            "Giấy tờ, tài liệu là chứng cứ chứng minh quan hệ",
        ),
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
    ),
    "Chứng thực": (
        ("Chứng thực", "Cấp bản sao có chứng thực từ bản chính"),
        (
            "bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp",
            "chữ ký người dịch",
            "hợp đồng, giao dịch liên quan đến tài sản là động sản",
            "hợp đồng, giao dịch liên quan đến thực hiện quyền của người sử dụng đất",
            "hợp đồng, giao dịch về nhà ở",
            "di chúc",
            "văn bản từ chối nhận di sản",
            "văn bản thỏa thuận phân chia di sản",
            "việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
            "hợp đồng, giao dịch đã được chứng thực",
        ),
        ("Bản chính giấy tờ, văn bản", "Dự thảo hợp đồng, giao dịch", ID, AUTH),
        "Nghị định 23/2015/NĐ-CP",
    ),
    "Cư trú": (
        ("Đăng ký", "Xóa đăng ký", "Gia hạn", "Điều chỉnh thông tin về", "Xác nhận thông tin về"),
        (
            "thường trú",
            "tạm trú",
            "tạm trú có thời hạn",
            "cư trú",
            "lưu trú",
            "thông tin cư trú trong Cơ sở dữ liệu về cư trú",
            "tách hộ",
        ),
        (CT01, "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Văn bản đồng ý của chủ hộ"),
        "Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP",
    ),
    "Xuất nhập cảnh": (
        ("Cấp", "Cấp lại", "Gia hạn", "Khôi phục giá trị sử dụng", "Hủy giá trị sử dụng"),
        (
            "hộ chiếu phổ thông ở nước ngoài",
            "giấy thông hành",
            "thị thực cho người nước ngoài",
            "thẻ tạm trú cho người nước ngoài",
            "giấy miễn thị thực",
            "thẻ ABTC",
        ),
        (
            "Tờ khai theo mẫu",
            "Ảnh chân dung cỡ 4 x 6 cm",
            "Hộ chiếu hoặc giấy tờ có giá trị đi lại quốc tế",
            "Công văn đề nghị của cơ quan, tổ chức bảo lãnh",
        ),
        "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019",
    ),
    "Đất đai": (
        ("Đăng ký", "Cấp", "Cấp đổi", "Cấp lại", "Đính chính", "Thu hồi", "Gia hạn"),
        (
            "biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "quyền sử dụng đất khi chuyển nhượng, tặng cho",
            "chuyển mục đích sử dụng đất",
            "thời hạn sử dụng đất nông nghiệp",
            "tách thửa hoặc hợp thửa đất",
            "thế chấp quyền sử dụng đất",
            "giao đất, cho thuê đất",
            "cung cấp thông tin, dữ liệu đất đai",
            "quyền sử dụng đất do thừa kế",
        ),
        (
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (mẫu 11/ĐK)",
            "Bản gốc Giấy chứng nhận đã cấp",
            "Hợp đồng, văn bản về chuyển quyền sử dụng đất",
            "Mảnh trích đo bản đồ địa chính",
            "Chứng từ thực hiện nghĩa vụ tài chính",
        ),
        "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP",
    ),
    "Bảo trợ xã hội": (
        ("Thực hiện", "Điều chỉnh", "Thôi hưởng", "Hỗ trợ", "Tiếp nhận"),
        (
            "trợ cấp xã hội hằng tháng",
            "hỗ trợ kinh phí chăm sóc, nuôi dưỡng",
            "trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở",
            "đối tượng vào cơ sở trợ giúp xã hội",
            "chi phí mai táng cho đối tượng bảo trợ xã hội",
            "trợ cấp cho người cao tuổi",
            "cấp đổi, cấp lại giấy xác nhận khuyết tật",
        ),
        (
            "Tờ khai thông tin của người đề nghị (theo mẫu)",
            "Giấy xác nhận khuyết tật (nếu có)",
            "Bản sao Giấy khai sinh của trẻ em",
            "Giấy chứng tử của đối tượng",
        ),
        "Nghị định 20/2021/NĐ-CP",
    ),
    "Giảm nghèo": (
        ("Công nhận", "Xác nhận", "Rà soát", "Hỗ trợ"),
        (
            "hộ thoát nghèo, thoát cận nghèo",
            "hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình",
            "hộ nghèo, hộ cận nghèo phát sinh trong năm",
            "phát triển sản xuất, đa dạng hóa sinh kế",
        ),
        ("Giấy đề nghị theo mẫu", "Phiếu thu thập thông tin hộ gia đình"),
        "Nghị định 07/2021/NĐ-CP",
    ),
    "Xây dựng": (
        ("Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Thẩm định", "Cấp chứng chỉ"),
        (
            "giấy phép xây dựng nhà ở riêng lẻ",
            "giấy phép xây dựng công trình không theo tuyến",
            "giấy phép xây dựng công trình theo tuyến",
            "giấy phép di dời công trình",
            "báo cáo nghiên cứu khả thi đầu tư xây dựng",
            "thiết kế xây dựng triển khai sau thiết kế cơ sở",
            "hành nghề hoạt động xây dựng hạng II, hạng III",
            "năng lực hoạt động xây dựng hạng II, hạng III",
            "giấy phép xây dựng có thời hạn",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Bản sao giấy tờ chứng minh quyền sử dụng đất",
            "02 bộ bản vẽ thiết kế xây dựng",
            "Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế",
            "Văn bản thẩm duyệt phòng cháy chữa cháy (nếu có)",
        ),
        "Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 175/2024/NĐ-CP",
    ),
    "Thành lập và hoạt động doanh nghiệp": (
        (),  # see GROUPS
        (),
        (
            "Giấy đề nghị đăng ký doanh nghiệp",
            "Điều lệ công ty",
            "Danh sách thành viên, cổ đông sáng lập",
            "Bản sao giấy tờ pháp lý của cá nhân",
            "Nghị quyết, quyết định của chủ sở hữu hoặc hội đồng thành viên",
        ),
        "Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP",
    ),
    "Thành lập và hoạt động của hộ kinh doanh": (
        ("Đăng ký", "Đăng ký thay đổi nội dung", "Tạm ngừng", "Chấm dứt"),
        ("thành lập hộ kinh doanh", "hoạt động hộ kinh doanh", "địa điểm kinh doanh"),
        (
            "Giấy đề nghị đăng ký hộ kinh doanh",
            "Bản sao biên bản họp thành viên hộ gia đình",
            "Bản sao văn bản ủy quyền",
        ),
        "Nghị định 01/2021/NĐ-CP",
    ),
    "Đường bộ": (
        ("Cấp", "Cấp lại", "Đổi", "Gia hạn", "Thu hồi"),
        (
            "giấy phép lái xe",
            "giấy phép kinh doanh vận tải bằng xe ô tô",
            "phù hiệu xe ô tô kinh doanh vận tải",
            "giấy phép lưu hành xe quá tải trọng, quá khổ giới hạn",
            "giấy phép xe tập lái",
            "giấy chứng nhận đăng ký xe máy chuyên dùng",
            "giấy phép thi công công trình trên đường bộ đang khai thác",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Giấy khám sức khỏe của người lái xe",
            "Bản sao Giấy chứng nhận đăng ký xe",
            "Ảnh màu cỡ 3 x 4 cm",
        ),
        "Luật Trật tự, an toàn giao thông đường bộ 2024",
    ),
    "Giáo dục và Đào tạo": (
        (),  # see GROUPS
        (),
        (
            "Đơn đề nghị theo mẫu",
            "Bản sao văn bằng, chứng chỉ",
            "Đề án thành lập, hoạt động",
            "Học bạ (bản chính)",
        ),
        "Luật Giáo dục 2019",
    ),
    "Khám bệnh, chữa bệnh": (
        ("Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Thu hồi"),
        (
            "giấy phép hành nghề khám bệnh, chữa bệnh",
            "giấy phép hoạt động phòng khám đa khoa",
            "giấy phép hoạt động phòng khám chuyên khoa",
            "giấy phép hoạt động cơ sở dịch vụ y tế",
            "giấy chứng nhận lương y",
            "giấy phép hoạt động phòng chẩn trị y học cổ truyền",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Bản sao văn bằng chuyên môn",
            "Giấy xác nhận quá trình thực hành",
            "Giấy chứng nhận đủ sức khỏe để hành nghề",
            "Danh sách nhân sự và thiết bị y tế",
        ),
        "Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP",
    ),
    "Dược phẩm": (
        ("Cấp", "Cấp lại", "Điều chỉnh nội dung", "Thu hồi"),
        (
            "chứng chỉ hành nghề dược",
            "giấy chứng nhận đủ điều kiện kinh doanh dược",
            "giấy xác nhận nội dung quảng cáo thuốc",
            "giấy chứng nhận đạt Thực hành tốt cơ sở bán lẻ thuốc",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Bản sao văn bằng chuyên môn",
            "Tài liệu kỹ thuật về địa điểm, trang thiết bị",
        ),
        "Luật Dược 2016; Nghị định 54/2017/NĐ-CP",
    ),
    "An toàn thực phẩm": (
        ("Cấp", "Cấp lại", "Đăng ký", "Kiểm tra", "Xác nhận"),
        (
            "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "bản công bố sản phẩm thực phẩm bảo vệ sức khỏe",
            "giấy xác nhận nội dung quảng cáo thực phẩm",
            "kiến thức an toàn thực phẩm",
            "nhà nước về an toàn thực phẩm đối với thực phẩm nhập khẩu",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Bản thuyết minh về cơ sở vật chất, trang thiết bị",
            "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất",
            "Phiếu kết quả kiểm nghiệm sản phẩm",
        ),
        "Luật An toàn thực phẩm 2010; Nghị định 15/2018/NĐ-CP",
    ),
    "Việc làm": (
        ("Giải quyết", "Tạm dừng", "Tiếp tục", "Chấm dứt", "Chuyển nơi hưởng", "Cấp", "Gia hạn"),
        (
            "hưởng trợ cấp thất nghiệp",
            "hỗ trợ học nghề",
            "giấy phép lao động cho người lao động nước ngoài",
            "giấy phép hoạt động dịch vụ việc làm",
            "hỗ trợ tư vấn, giới thiệu việc làm",
        ),
        (
            "Đề nghị hưởng trợ cấp thất nghiệp theo mẫu",
            "Bản sao hợp đồng lao động hoặc quyết định thôi việc",
            "Sổ bảo hiểm xã hội",
            "Giấy chứng nhận sức khỏe",
            "Lý lịch tư pháp",
        ),
        "Luật Việc làm 2013; Nghị định 28/2015/NĐ-CP",
    ),
    "Lao động - Tiền lương": (
        ("Đăng ký", "Gửi", "Cấp", "Gia hạn", "Thông báo"),
        (
            "nội quy lao động",
            "thang lương, bảng lương",
            "giấy phép cho thuê lại lao động",
            "báo cáo tình hình thay đổi về lao động",
            "thỏa ước lao động tập thể",
        ),
        (
            "Văn bản đề nghị",
            "Bản nội quy lao động",
            "Văn bản góp ý của tổ chức đại diện người lao động",
        ),
        "Bộ luật Lao động 2019; Nghị định 145/2020/NĐ-CP",
    ),
    "Người có công": (
        ("Giải quyết", "Công nhận", "Hưởng", "Cấp", "Di chuyển hồ sơ"),
        (
            "chế độ trợ cấp đối với thân nhân liệt sĩ",
            "thương binh và người hưởng chính sách như thương binh",
            "chế độ ưu đãi đối với người hoạt động kháng chiến",
            "trợ cấp một lần đối với người có thành tích tham gia kháng chiến",
            "giấy chứng nhận gia đình liệt sĩ",
            "chế độ mai táng phí đối với người có công với cách mạng",
            "ưu đãi trong giáo dục đào tạo đối với con của người có công",
        ),
        (
            "Bản khai theo mẫu",
            "Giấy tờ chứng minh là người có công",
            "Bản sao giấy chứng tử",
            "Biên bản giám định y khoa",
        ),
        "Pháp lệnh Ưu đãi người có công với cách mạng 2020; Nghị định 131/2021/NĐ-CP",
    ),
    "Môi trường": (
        ("Cấp", "Cấp đổi", "Điều chỉnh", "Thẩm định", "Đăng ký", "Phê duyệt"),
        (
            "giấy phép môi trường",
            "báo cáo đánh giá tác động môi trường",
            "kết quả vận hành thử nghiệm công trình xử lý chất thải",
            "phương án cải tạo, phục hồi môi trường",
            "môi trường cho dự án đầu tư",
        ),
        (
            "Văn bản đề nghị theo mẫu",
            "Báo cáo đề xuất cấp giấy phép môi trường",
            "Bản sao báo cáo nghiên cứu khả thi",
        ),
        "Luật Bảo vệ môi trường 2020; Nghị định 08/2022/NĐ-CP",
    ),
    "Tài nguyên nước": (
        ("Cấp", "Gia hạn", "Điều chỉnh", "Cấp lại", "Đăng ký"),
        (
            "giấy phép khai thác nước dưới đất",
            "giấy phép khai thác, sử dụng nước mặt",
            "giấy phép xả nước thải vào nguồn nước",
            "giấy phép hành nghề khoan nước dưới đất",
            "khai thác, sử dụng tài nguyên nước",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Đề án, báo cáo khai thác",
            "Kết quả phân tích chất lượng nguồn nước",
        ),
        "Luật Tài nguyên nước 2023",
    ),
    "Trồng trọt": (
        ("Cấp", "Cấp lại", "Công nhận", "Chuyển đổi"),
        (
            "giấy chứng nhận đủ điều kiện sản xuất phân bón",
            "giấy chứng nhận đủ điều kiện buôn bán phân bón",
            "cơ cấu cây trồng trên đất trồng lúa",
            "quyết định công nhận cây đầu dòng",
        ),
        ("Đơn đề nghị theo mẫu", "Bản thuyết minh điều kiện sản xuất", "Bản đăng ký chuyển đổi"),
        "Luật Trồng trọt 2018",
    ),
    "Chăn nuôi": (
        ("Cấp", "Cấp lại", "Kê khai", "Xác nhận"),
        (
            "giấy chứng nhận đủ điều kiện chăn nuôi trang trại quy mô lớn",
            "hoạt động chăn nuôi",
            "giấy chứng nhận đủ điều kiện sản xuất thức ăn chăn nuôi",
        ),
        ("Văn bản đề nghị theo mẫu", "Bản thuyết minh điều kiện chăn nuôi"),
        "Luật Chăn nuôi 2018",
    ),
    "Thú y": (
        ("Cấp", "Cấp lại", "Gia hạn", "Kiểm dịch"),
        (
            "chứng chỉ hành nghề thú y",
            "giấy chứng nhận cơ sở an toàn dịch bệnh động vật",
            "động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
            "giấy chứng nhận đủ điều kiện vệ sinh thú y",
        ),
        ("Đơn đăng ký theo mẫu", "Bản sao văn bằng chuyên môn", "Giấy chứng nhận sức khỏe"),
        "Luật Thú y 2015",
    ),
    "Văn hóa": (
        ("Cấp", "Cấp lại", "Điều chỉnh", "Thông báo", "Công nhận"),
        (
            "giấy phép kinh doanh dịch vụ karaoke",
            "giấy phép tổ chức lễ hội",
            "tổ chức biểu diễn nghệ thuật",
            "danh hiệu gia đình văn hóa",
            "giấy phép thành lập bảo tàng ngoài công lập",
            "giấy phép triển lãm mỹ thuật",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Kịch bản, danh mục tác phẩm",
            "Bản sao giấy chứng nhận đăng ký kinh doanh",
        ),
        "Luật Di sản văn hóa 2024; Nghị định 144/2020/NĐ-CP",
    ),
    "Du lịch": (
        ("Cấp", "Cấp đổi", "Cấp lại", "Thu hồi", "Công nhận"),
        (
            "giấy phép kinh doanh dịch vụ lữ hành nội địa",
            "thẻ hướng dẫn viên du lịch tại điểm",
            "thẻ hướng dẫn viên du lịch nội địa",
            "hạng cơ sở lưu trú du lịch",
            "điểm du lịch",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Giấy chứng nhận nghiệp vụ",
            "Giấy chứng nhận sức khỏe",
            "Ảnh chân dung 3 x 4 cm",
        ),
        "Luật Du lịch 2017",
    ),
    "Thể dục thể thao": (
        ("Cấp", "Cấp lại", "Công nhận", "Phong đẳng cấp cho"),
        (
            "giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
            "câu lạc bộ thể thao cơ sở",
            "vận động viên, huấn luyện viên",
            "tổ chức giải thi đấu thể thao",
        ),
        ("Đơn đề nghị theo mẫu", "Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh"),
        "Luật Thể dục, thể thao 2006 (sửa đổi 2018)",
    ),
    "Lưu thông hàng hóa trong nước": (
        ("Cấp", "Cấp sửa đổi, bổ sung", "Cấp lại", "Gia hạn"),
        (
            "giấy phép bán lẻ sản phẩm thuốc lá",
            "giấy phép bán lẻ rượu",
            "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu",
            "giấy phép kinh doanh bán lẻ khí",
            "giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
        ),
        (
            "Đơn đề nghị theo mẫu",
            "Bản sao hợp đồng mua bán với thương nhân cung cấp",
            "Bản kê địa điểm kinh doanh",
        ),
        "Luật Thương mại 2005; Nghị định 105/2017/NĐ-CP",
    ),
    "Báo chí": (
        ("Cấp", "Sửa đổi, bổ sung", "Cấp lại", "Thu hồi"),
        (
            "giấy phép xuất bản bản tin",
            "giấy phép xuất bản tài liệu không kinh doanh",
            "giấy phép thiết lập trang thông tin điện tử tổng hợp",
            "giấy xác nhận đăng ký hoạt động in",
        ),
        ("Tờ khai đề nghị theo mẫu", "Bản sao quyết định thành lập", "Mẫu trình bày tên gọi"),
        "Luật Báo chí 2016; Luật Xuất bản 2012",
    ),
    "Công chứng": (
        (),  # see GROUPS
        (),
        (
            "Phiếu yêu cầu công chứng",
            "Dự thảo hợp đồng, giao dịch",
            "Bản sao giấy tờ tùy thân",
            "Bản sao giấy chứng nhận quyền sở hữu",
        ),
        "Luật Công chứng 2024",
    ),
    "Lý lịch tư pháp": (
        ("Cấp",),
        (
            "Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "Phiếu lý lịch tư pháp cho người nước ngoài đã cư trú tại Việt Nam",
            "Phiếu lý lịch tư pháp số 2",
        ),
        (
            "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu)",
            "Bản chụp giấy tờ tùy thân",
            "Bản chụp giấy tờ chứng minh nơi cư trú",
        ),
        "Luật Lý lịch tư pháp 2009",
    ),
    "Trợ giúp pháp lý": (
        ("Giải quyết", "Thay đổi", "Rút", "Đăng ký tham gia"),
        (
            "yêu cầu trợ giúp pháp lý",
            "người thực hiện trợ giúp pháp lý",
            "thực hiện trợ giúp pháp lý",
        ),
        (
            "Đơn yêu cầu trợ giúp pháp lý (mẫu)",
            "Giấy tờ chứng minh là người được trợ giúp pháp lý",
            "Các giấy tờ liên quan đến vụ việc",
        ),
        "Luật Trợ giúp pháp lý 2017",
    ),
    "Tôn giáo": (
        ("Đăng ký", "Thông báo", "Chấp thuận", "Đề nghị"),
        (
            "sinh hoạt tôn giáo tập trung",
            "tổ chức cuộc lễ ngoài cơ sở tôn giáo",
            "người được phong phẩm, bổ nhiệm, bầu cử, suy cử",
            "danh mục hoạt động tôn giáo hằng năm",
            "tổ chức quyên góp vượt ra ngoài phạm vi một xã",
        ),
        (
            "Văn bản đề nghị theo mẫu",
            "Bản tóm tắt tiểu sử của người đại diện",
            "Bản cam kết về nơi sinh hoạt",
        ),
        "Luật Tín ngưỡng, tôn giáo 2016; Nghị định 95/2023/NĐ-CP",
    ),
    "Thi đua - Khen thưởng": (
        ("Tặng", "Xét tặng", "Công nhận"),
        (
            "Bằng khen của Chủ tịch UBND tỉnh",
            "danh hiệu Chiến sĩ thi đua cơ sở",
            "danh hiệu Lao động tiên tiến",
            "Giấy khen của Chủ tịch UBND cấp xã",
            "danh hiệu tập thể lao động xuất sắc",
            "khen thưởng đột xuất",
        ),
        (
            "Tờ trình đề nghị khen thưởng",
            "Báo cáo thành tích (mẫu)",
            "Biên bản họp Hội đồng thi đua - khen thưởng",
        ),
        "Luật Thi đua, khen thưởng 2022",
    ),
    "Tổ chức phi chính phủ": (
        (),  # see GROUPS
        (),
        (
            "Đơn đề nghị theo mẫu",
            "Dự thảo điều lệ",
            "Danh sách ban lãnh đạo",
            "Lý lịch tư pháp của người đứng đầu",
        ),
        "Nghị định 126/2024/NĐ-CP",
    ),
    "Phòng cháy, chữa cháy": (
        ("Thẩm duyệt", "Nghiệm thu", "Cấp", "Cấp đổi", "Kiểm tra"),
        (
            "thiết kế về phòng cháy và chữa cháy",
            "về phòng cháy và chữa cháy công trình",
            "giấy chứng nhận huấn luyện nghiệp vụ phòng cháy và chữa cháy",
            "giấy chứng nhận đủ điều kiện kinh doanh dịch vụ phòng cháy chữa cháy",
            "phương án chữa cháy của cơ sở",
        ),
        (
            "Văn bản đề nghị theo mẫu",
            "Hồ sơ thiết kế phòng cháy chữa cháy",
            "Bản vẽ mặt bằng tổng thể",
        ),
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024",
    ),
    "Đầu tư tại Việt Nam": (
        ("Chấp thuận", "Điều chỉnh", "Cấp", "Gia hạn", "Chấm dứt hoạt động của"),
        (
            "chủ trương đầu tư dự án",
            "giấy chứng nhận đăng ký đầu tư",
            "tiến độ thực hiện dự án đầu tư",
            "dự án đầu tư",
            "văn phòng điều hành của nhà đầu tư nước ngoài",
        ),
        (
            "Văn bản đề nghị thực hiện dự án đầu tư",
            "Đề xuất dự án đầu tư",
            "Bản sao báo cáo tài chính 02 năm gần nhất",
        ),
        "Luật Đầu tư 2020; Nghị định 31/2021/NĐ-CP",
    ),
    "Quản lý công sản": (
        (),  # see GROUPS
        (),
        ("Văn bản đề nghị", "Danh mục tài sản", "Biên bản kiểm kê tài sản"),
        "Luật Quản lý, sử dụng tài sản công 2017",
    ),
    "Khoa học và Công nghệ": (
        ("Cấp", "Cấp lại", "Đăng ký", "Công nhận"),
        (
            "giấy chứng nhận doanh nghiệp khoa học và công nghệ",
            "kết quả thực hiện nhiệm vụ khoa học và công nghệ",
            "giấy chứng nhận đăng ký hoạt động của tổ chức khoa học",
            "giấy phép tiến hành công việc bức xạ",
        ),
        ("Đơn đề nghị theo mẫu", "Báo cáo tổng hợp kết quả", "Bản sao quyết định thành lập"),
        "Luật Khoa học và Công nghệ 2013",
    ),
    "Nông thôn mới": (
        ("Xét, công nhận", "Thẩm định", "Công bố"),
        ("xã đạt chuẩn nông thôn mới", "xã đạt chuẩn nông thôn mới nâng cao", "sản phẩm OCOP"),
        ("Tờ trình đề nghị", "Báo cáo kết quả thực hiện các tiêu chí", "Hồ sơ minh chứng"),
        "Quyết định 318/QĐ-TTg",
    ),
}

QUALIFIERS = (
    "",
    "",
    " cho tổ chức",
    " cho hộ gia đình, cá nhân",
    " (trường hợp có yếu tố nước ngoài)",
    " trên môi trường điện tử",
    " (trường hợp bị mất, hư hỏng)",
)

PROCESSING_TIMES = (
    "Trong ngày tiếp nhận",
    "01 ngày làm việc",
    "02 ngày làm việc",
    "03 ngày làm việc",
    "05 ngày làm việc",
    "07 ngày làm việc",
    "10 ngày làm việc",
    "15 ngày làm việc",
    "20 ngày làm việc",
    "30 ngày làm việc",
)

FEES = (
    "Không",
    "Miễn lệ phí",
    "Theo quy định của HĐND tỉnh",
    "50.000 đồng/hồ sơ",
    "100.000 đồng/giấy phép",
    "200.000 đồng/lần",
    "500.000 đồng/hồ sơ",
    "1.000.000 đồng/hồ sơ",
    "Phí thẩm định theo Thông tư của Bộ Tài chính",
)

COMMON_PAPERS = (
    ID,
    AUTH,
    "Bản sao giấy tờ tùy thân của người đề nghị",
    "Giấy tờ chứng minh tư cách pháp nhân (đối với tổ chức)",
)


# Fields whose actions apply to different subjects: explicit (actions, subjects) groups
# replace the field's single action x subject product above.
GROUPS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "Thành lập và hoạt động doanh nghiệp": (
        (
            ("Đăng ký",),
            (
                "thành lập công ty trách nhiệm hữu hạn một thành viên",
                "thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên",
                "thành lập công ty cổ phần",
                "thành lập doanh nghiệp tư nhân",
                "hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh",
                "thay đổi người đại diện theo pháp luật",
                "thay đổi vốn điều lệ",
                "thay đổi địa chỉ trụ sở chính",
                "thay đổi chủ sở hữu công ty trách nhiệm hữu hạn một thành viên",
            ),
        ),
        (
            ("Thông báo",),
            (
                "tạm ngừng kinh doanh",
                "tiếp tục kinh doanh trước thời hạn đã thông báo",
                "thay đổi ngành, nghề kinh doanh",
                "giải thể doanh nghiệp",
                "thay đổi thông tin cổ đông sáng lập",
                "chấm dứt hoạt động chi nhánh, văn phòng đại diện",
            ),
        ),
        (
            ("Cấp đổi", "Cấp lại", "Hiệu đính thông tin trên"),
            (
                "giấy chứng nhận đăng ký doanh nghiệp",
                "giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện",
            ),
        ),
    ),
    "Công chứng": (
        (
            ("Công chứng",),
            (
                "hợp đồng mua bán nhà ở",
                "hợp đồng chuyển nhượng quyền sử dụng đất",
                "hợp đồng tặng cho tài sản",
                "văn bản thỏa thuận phân chia di sản",
                "văn bản khai nhận di sản",
                "di chúc",
                "hợp đồng ủy quyền",
                "hợp đồng thế chấp tài sản",
                "bản dịch",
                "việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
            ),
        ),
        (
            ("Thành lập", "Chuyển đổi", "Hợp nhất", "Sáp nhập", "Chuyển nhượng"),
            ("văn phòng công chứng",),
        ),
        (("Cấp", "Cấp lại", "Thu hồi"), ("thẻ công chứng viên",)),
        (("Đăng ký",), ("hành nghề công chứng", "hoạt động văn phòng công chứng")),
    ),
    "Giáo dục và Đào tạo": (
        (
            ("Cấp", "Cấp bản sao", "Chỉnh sửa nội dung", "Công nhận"),
            (
                "văn bằng, chứng chỉ từ sổ gốc",
                "bằng tốt nghiệp trung học cơ sở",
                "văn bằng do cơ sở giáo dục nước ngoài cấp",
            ),
        ),
        (
            ("Thành lập", "Sáp nhập, chia, tách", "Giải thể"),
            (
                "trường mầm non tư thục",
                "trường tiểu học tư thục",
                "trung tâm ngoại ngữ, tin học",
                "trường trung học cơ sở tư thục",
            ),
        ),
        (
            ("Cho phép",),
            (
                "trường mầm non tư thục hoạt động giáo dục",
                "trung tâm ngoại ngữ, tin học hoạt động giáo dục",
                "trường tiểu học tư thục hoạt động giáo dục",
            ),
        ),
        (
            ("Công nhận",),
            ("trường tiểu học đạt chuẩn quốc gia", "trường mầm non đạt chuẩn quốc gia"),
        ),
        (
            ("Giải quyết",),
            (
                "chuyển trường đối với học sinh trung học cơ sở",
                "chuyển trường đối với học sinh trung học phổ thông",
            ),
        ),
        (("Đăng ký",), ("tổ chức dạy thêm, học thêm",)),
    ),
    "Tổ chức phi chính phủ": (
        (("Công nhận",), ("ban vận động thành lập hội",)),
        (("Phê duyệt",), ("điều lệ hội", "điều lệ sửa đổi, bổ sung của hội")),
        (
            ("Cho phép",),
            (
                "thành lập hội có phạm vi hoạt động trong tỉnh",
                "hội đặt văn phòng đại diện",
                "thành lập quỹ xã hội, quỹ từ thiện",
            ),
        ),
        (("Báo cáo",), ("tổ chức đại hội nhiệm kỳ của hội",)),
        (
            ("Đổi tên", "Giải thể", "Chia, tách, sáp nhập, hợp nhất", "Tạm đình chỉ hoạt động của"),
            ("hội", "quỹ xã hội, quỹ từ thiện"),
        ),
    ),
    "Quản lý công sản": (
        (
            ("Quyết định",),
            (
                "thanh lý tài sản công",
                "điều chuyển tài sản công",
                "bán tài sản công",
                "thu hồi tài sản công",
                "giao tài sản công cho đơn vị sự nghiệp",
            ),
        ),
        (("Xác lập",), ("quyền sở hữu toàn dân đối với tài sản",)),
        (
            ("Phê duyệt",),
            (
                "phương án sắp xếp lại, xử lý nhà, đất",
                "phương án xử lý tài sản được xác lập quyền sở hữu toàn dân",
            ),
        ),
    ),
}
