#include <iostream>

int main() {
    std::cerr << "jiayi-cli: not built yet\n";
    return 1;
}
