#!/usr/bin/env bash
# Dossier's two entry points on Debian: `./dev.sh run` (the app on the sample corpus) and `./dev.sh test`.
# Both first install what is missing: the system libraries the app and its tests use, and Rust if absent.
set -euo pipefail
cd "$(dirname "$0")"

install_system_packages() {
    # Libraries for a window on X11/Wayland, and software Vulkan (lavapipe) for the app and the snapshot tests;
    # then any extra packages given (the app's file dialogs need zenity where no desktop portal runs).
    local packages=(mesa-vulkan-drivers libvulkan1 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libwayland-client0 libwayland-cursor0 libwayland-egl1 ca-certificates curl gcc pkg-config "$@")
    local missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "Installing: ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

install_rust() {
    if ! command -v cargo >/dev/null; then
        [ -x "$HOME/.cargo/bin/cargo" ] || curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
}

case "${1:-}" in
    run)
        install_system_packages zenity fonts-noto-core fonts-noto-cjk
        install_rust
        shift
        cargo run --release -- "${@:-assets/sample-corpus}"
        ;;
    test)
        # The OpenSearch tests (tests/remote.rs) need a real node: Java 17+ and Maven build it from Maven Central.
        java_packages=()
        command -v java >/dev/null || java_packages+=(default-jdk-headless)
        command -v mvn >/dev/null || java_packages+=(maven)
        install_system_packages "${java_packages[@]}"
        install_rust
        # A node of our own for the tests, stopped however the tests end; a node given in
        # DOSSIER_TEST_OPENSEARCH is used as it is.
        if [ -z "${DOSSIER_TEST_OPENSEARCH:-}" ]; then
            port="${DOSSIER_TEST_OPENSEARCH_PORT:-9251}"
            trap 'scripts/opensearch.sh stop "$port"' EXIT
            scripts/opensearch.sh start "$port"
            export DOSSIER_TEST_OPENSEARCH="http://127.0.0.1:$port"
        fi
        cargo test --no-fail-fast
        ;;
    *)
        echo "usage: ./dev.sh run [PATH]   open the app (on the bundled sample corpus by default)"
        echo "       ./dev.sh test         run the whole test suite"
        exit 2
        ;;
esac
