// Seed data: tables of real provinces, cities and districts combined into plausible customers.
#include "tools/platform/seed_data.h"

#include <fmt/format.h>

#include <array>

#include "labels/codes/code_grammar.h"

namespace rs::platform {
namespace {

struct Place {
    const char* province;
    const char* city;
    const char* district;
    const char* street;
    const char* postal_code;
};

// Districts with their postal codes (China Post); street addresses are made up.
constexpr std::array<Place, 12> k_places{{
    {"广东省", "深圳市", "南山区", "科技园科苑路{}号", "518057"},
    {"广东省", "广州市", "天河区", "天河路{}号", "510620"},
    {"上海市", "上海市", "浦东新区", "世纪大道{}号", "200120"},
    {"北京市", "北京市", "海淀区", "中关村大街{}号", "100080"},
    {"浙江省", "杭州市", "西湖区", "文三路{}号", "310012"},
    {"江苏省", "南京市", "玄武区", "中山路{}号", "210008"},
    {"四川省", "成都市", "武侯区", "人民南路四段{}号", "610041"},
    {"湖北省", "武汉市", "洪山区", "珞喻路{}号", "430074"},
    {"陕西省", "西安市", "雁塔区", "长安南路{}号", "710061"},
    {"福建省", "厦门市", "思明区", "湖滨南路{}号", "361004"},
    {"天津市", "天津市", "和平区", "南京路{}号", "300041"},
    {"重庆市", "重庆市", "渝中区", "解放碑民族路{}号", "400010"},
}};

constexpr std::array<const char*, 10> k_family{"王", "李", "张", "刘", "陈",
                                               "杨", "黄", "赵", "吴", "周"};
constexpr std::array<const char*, 10> k_given{"伟", "芳", "娜", "敏", "静",
                                              "磊", "洋", "强", "军", "杰"};

struct Product {
    const char* model;
    const char* sku;
    const char* fault;
    std::int64_t price_minor;  // what the customer paid, in fen
};
constexpr std::array<Product, 5> k_products{{
    {"Phone X2 128GB", "PX2-128-BLK", "屏幕闪烁 / screen flickers", 399900},
    {"Phone X2 256GB", "PX2-256-WHT", "无法充电 / does not charge", 459900},
    {"Tab S 11", "TS11-WIFI", "电池鼓包 / swollen battery", 329900},
    {"Buds 3", "BD3-WHT", "右耳无声 / no sound on the right", 49900},
    {"Watch 4", "W4-42", "表带断裂 / strap broken", 149900},
}};

}  // namespace

std::vector<nlohmann::json> generated_rmas(int count, int first) {
    std::vector<nlohmann::json> rmas;
    rmas.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        int n = first + i;
        const Place& place = k_places[static_cast<std::size_t>(n) % k_places.size()];
        const Product& product = k_products[static_cast<std::size_t>(n / 7) % k_products.size()];
        std::string name = std::string(k_family[static_cast<std::size_t>(n) % k_family.size()]) +
                           k_given[static_cast<std::size_t>(n / 10) % k_given.size()];
        rmas.push_back({
            {"id", fmt::format("seed-rma-{}", n)},
            {"number", labels::make_own_id(labels::CodeKind::Rma, std::to_string(n))},
            {"type", n % 5 == 0 ? "exchange" : "repair"},
            {"status", "approved"},
            {"customer",
             {{"name", name},
              {"phone", fmt::format("+86 13{} {:04} {:04}", n % 10, n / 10000 % 10000, n % 10000)},
              {"address",
               {{"country", "CN"},
                {"province", place.province},
                {"city", place.city},
                {"district", place.district},
                {"street", fmt::format(fmt::runtime(place.street), 1 + n % 300)},
                {"postal_code", place.postal_code}}}}},
            {"product_model", product.model},
            {"product_sku", product.sku},
            {"purchase_date", "2026-06-01"},
            {"warranty_months", 12},
            {"fault", product.fault},
            {"inbound_tracking",
             nlohmann::json::array({fmt::format("SF{:013}", 1402398000000LL + n)})},
            // The sales order the RMA returns: what a refund pays back.
            {"order",
             {{"number", fmt::format("SO-{}", n)},
              {"paid_minor", product.price_minor},
              {"currency", "CNY"}}},
        });
    }
    return rmas;
}

}  // namespace rs::platform
